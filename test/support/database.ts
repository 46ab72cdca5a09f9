import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { assertDisposableDatabase } from "@/lib/db/test-database-guard";

// Each test file gets its own freshly migrated database on the real server `npm test` provides
// (embedded locally, Debian's Postgres in CI), dropped when the file ends.

function adminUrl(): string {
  const variable = process.env.TEST_DATABASE_URL ? "TEST_DATABASE_URL" : "DATABASE_URL";
  const url = process.env[variable];
  if (!url) throw new Error("Run tests with `npm test` (it provides TEST_DATABASE_URL), or set DATABASE_URL to a Postgres you can create databases on.");
  assertDisposableDatabase(variable, url);
  return url;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createEmptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bd_test_${randomBytes(5).toString("hex")}`;
  await admin((c) => c.query(`create database "${name}"`));
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => admin((c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined) };
}

/** A migrated database for this file, wired into lib/db/client through DATABASE_URL. */
export async function useTestDatabase(): Promise<string> {
  const database = await createEmptyDatabase();
  await applyMigrations(database.url);
  process.env.DATABASE_URL = database.url;
  afterAll(async () => {
    const { db } = await import("@/lib/db/client");
    await db().$disconnect();
    await database.drop();
  });
  return database.url;
}

/** The environment services read (lib/env.ts), as in the demo. */
export function useDemoEnv(overrides: Record<string, string> = {}) {
  Object.assign(process.env, {
    NEXTAUTH_URL: "http://localhost:3000",
    BATCHDECK_DEMO: "1",
    GOOGLE_CLIENT_ID: "test",
    GOOGLE_CLIENT_SECRET: "test",
    NEXTAUTH_SECRET: "x".repeat(32),
    OWNER_EMAILS: "owner@lab.test",
    ...overrides,
  });
}
