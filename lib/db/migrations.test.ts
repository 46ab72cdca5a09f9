import { describe, expect, it } from "vitest";
import pg from "pg";
import { applyMigrations, pendingSchemaChanges } from "./migrations";
import { createEmptyDatabase } from "@/test/support/database";

describe("migrations", () => {
  it("apply on an empty database, then are a no-op", async () => {
    const database = await createEmptyDatabase();
    try {
      const first = await applyMigrations(database.url);
      expect(first.length).toBeGreaterThan(0);
      expect(await applyMigrations(database.url)).toEqual([]);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      // The migrator's session lock must not outlive it, or the next instance to start waits for it.
      // Only this test's database: other test files' workers hold advisory locks in theirs on the same server.
      const locks = await client.query("select 1 from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())");
      expect(locks.rowCount).toBe(0);
      const { rows } = await client.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = 'public' order by 1",
      );
      await client.end();
      expect(rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining(["users", "sessions", "invitations", "cloud_accounts", "jobs", "triggers", "executions", "action_requests", "audit_events", "usage_samples", "_prisma_migrations"]),
      );
    } finally {
      await database.drop();
    }
  });

  // The schema engine's diff runs in WebAssembly and takes tens of seconds on a busy 2-core machine.
  it("agree with schema.prisma (a migrated database diffs empty against the schema)", { timeout: 120_000 }, async () => {
    expect(await pendingSchemaChanges()).toBe("");
  });
});
