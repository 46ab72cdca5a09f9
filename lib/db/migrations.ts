import { readFile, readdir, mkdir, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

// Prisma's CLI downloads a native schema engine on every command, which can't happen offline. The same
// engine is published to npm as WebAssembly; we drive it here with a driver adapter. The folder layout
// is Prisma's own (prisma/migrations/<timestamp>_<name>/migration.sql + migration_lock.toml), so
// `prisma migrate deploy` accepts it on a machine that can download the engine.

const root = process.cwd();
const schemaPath = path.join(root, "prisma/schema.prisma");
const migrationsDir = path.join(root, "prisma/migrations");
const lockfileName = "migration_lock.toml";
const noFilters = { externalTables: [], externalEnums: [] };

type WasmEngine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>;
};

type SchemaEngineModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let wasmModule: Promise<SchemaEngineModule> | undefined;

/** Instantiated once per process: re-instantiating replaces the memory under live engines. */
function schemaEngineModule(): Promise<SchemaEngineModule> {
  wasmModule ??= (async () => {
    const require = createRequire(import.meta.url);
    const glue = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    // The package entry imports "*.wasm" directly, which Node 20 can't load; instantiate by hand.
    const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasm = await readFile(path.join(path.dirname(glue), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(wasm, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    // A Rust panic reports its message here before the call fails.
    (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = {
      set_message: (message: string) => {
        lastPanic = message;
      },
    };
    return bg;
  })();
  return wasmModule;
}
let lastPanic: string | undefined;

async function loadEngine(factory: SqlMigrationAwareDriverAdapterFactory): Promise<WasmEngine> {
  const bg = await schemaEngineModule();
  const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const schemaText = await readFile(schemaPath, "utf8");
  const engine: WasmEngine = await bg.SchemaEngine.new({ datamodels: [[schemaPath, schemaText]] }, () => {}, bound);
  // Engine failures arrive as "External error id#N"; the adapter holds the real error under N.
  const explain = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      const id = /id#(\d+)/.exec(String((error as Error).message ?? error))?.[1];
      const real = id ? (bound as { errorRegistry?: { consumeError(n: number): unknown } }).errorRegistry?.consumeError(Number(id)) : undefined;
      const detail = real ? JSON.stringify(real) : (lastPanic ?? (error as Error).message);
      lastPanic = undefined;
      throw new Error(`Schema engine: ${detail}`, { cause: error });
    }
  };
  return {
    applyMigrations: (input) => explain(() => engine.applyMigrations(input)),
    diff: (input) => explain(() => engine.diff(input)),
  };
}

async function migrationsList() {
  const names = existsSync(migrationsDir)
    ? (await readdir(migrationsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const lockPath = path.join(migrationsDir, lockfileName);
  return {
    baseDir: migrationsDir,
    lockfile: { path: lockfileName, content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: { tag: "ok", value: await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8") },
        },
      })),
    ),
  };
}

/**
 * adapter-pg's executeScript splits a migration at every ";" and sends the pieces one by one, which cuts
 * a function's body ($$ … $$) apart. Postgres's simple query protocol takes a whole script in one call,
 * as one implicit transaction, which is how Prisma's native engine sends it.
 */
function wholeScripts(factory: PrismaPg, pool: pg.Pool): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    adapter.executeScript = async (script: string) => {
      await pool.query(script);
    };
    return adapter;
  };
  return factory;
}

/** Applies every migration not yet recorded in `_prisma_migrations`. Safe to run on every start. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  // Our own pool, ended afterwards: the engine takes a session-level advisory lock, and a connection
  // left open would hold it, making the next migrator (another instance starting) wait 10 s.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const engine = await loadEngine(wholeScripts(new PrismaPg(pool), pool));
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: await migrationsList(), filters: noFilters });
    return appliedMigrationNames;
  } finally {
    await pool.end();
  }
}

/**
 * The SQL that would bring a database holding every committed migration to schema.prisma, or "" when
 * they agree. Computed on a throwaway in-memory PGlite: diffing a live Postgres through adapter-pg fails
 * on its `"char"` catalog columns.
 */
export async function pendingSchemaChanges(): Promise<string> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const scratch = new PGlite();
  try {
    const engine = await loadEngine(new PrismaPGlite(scratch) as unknown as SqlMigrationAwareDriverAdapterFactory);
    await engine.applyMigrations({ migrationsList: await migrationsList(), filters: noFilters });
    const files = [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }];
    const { stdout } = await engine.diff({
      from: { tag: "schemaDatasource", files, configDir: root },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    const sql = (stdout ?? "").trim();
    return sql === "-- This is an empty migration." ? "" : sql;
  } finally {
    await scratch.close();
  }
}

/** Writes prisma/migrations/<UTC timestamp>_<name>/migration.sql; returns its folder, or null when nothing changed. */
export async function createMigration(name: string): Promise<string | null> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Migration name "${name}" must be lower-case letters, digits and _`);
  const sql = await pendingSchemaChanges();
  if (!sql) return null;
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), `${sql}\n`);
  await writeFile(path.join(migrationsDir, lockfileName), 'provider = "postgresql"\n');
  return dir;
}
