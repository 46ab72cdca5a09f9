import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { z } from "zod";

// Keeps the benchmarks from rotting: both run end to end in --quick mode (a small seed, short runs) on
// the test server, and their JSON must carry a number for every target. The figures themselves are
// not judged here (a 2-core CI box says nothing about speed); `npm run bench:catalog` / `bench:sync` do.
// The catalog bench builds the app first when the sources changed since the last build (minutes).

const run = promisify(execFile);
const TARGETS = ["executions_first", "executions_deep", "batch_common", "batch_rare", "status_filter", "job_filter", "jobs", "job", "usage", "overview"];
/** Pages the app may not have yet: the bench says so instead of inventing them. */
const MAY_BE_MISSING = new Set(["job", "overview"]);

const measured = z.object({
  path: z.string(),
  samples: z.number().int().positive(),
  p50_ms: z.number().positive(),
  p95_ms: z.number().positive(),
  floor_p95_ms: z.number().positive(),
  ratio: z.number().positive(),
  rps_c10: z.number().min(0),
});
const missing = z.object({ path: z.null(), note: z.string().min(1), p50_ms: z.null(), p95_ms: z.null(), rps_c10: z.null() });

async function bench(script: string): Promise<unknown> {
  const file = path.join(tmpdir(), `bench-${randomBytes(4).toString("hex")}.json`);
  const databaseUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("run through `npm test`, which provides TEST_DATABASE_URL");
  try {
    await run(process.execPath, ["node_modules/tsx/dist/cli.mjs", script, "--quick", "--json", file], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      timeout: 600_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return JSON.parse(readFileSync(file, "utf8"));
  } finally {
    rmSync(file, { force: true });
  }
}

describe("the benchmarks, in --quick mode", () => {
  it("bench:catalog measures every page on the app and the floor, signed in", { timeout: 600_000 }, async () => {
    const figures = z
      .object({
        executions: z.literal(20_000),
        seed_seconds: z.number().positive(),
        rss_mb: z.number().positive(),
        sync_write: z.object({ pages: z.literal(3), p50_ms: z.number().positive(), p95_ms: z.number().positive() }),
        targets: z.record(z.string(), z.unknown()),
      })
      .parse(await bench("bench/catalog/main.ts"));
    expect(Object.keys(figures.targets).sort()).toEqual([...TARGETS].sort());
    for (const [key, target] of Object.entries(figures.targets)) {
      const schema = MAY_BE_MISSING.has(key) ? z.union([measured, missing]) : measured;
      expect(schema.safeParse(target).success, `${key}: ${JSON.stringify(target)}`).toBe(true);
    }
  });

  it("bench:sync ingests every simulated run and counts the re-sync's row writes", { timeout: 300_000 }, async () => {
    const figures = z
      .object({ jobs: z.literal(10), executions: z.number().int().min(200), executions_per_s: z.number().positive(), resync_row_writes: z.literal(0) })
      .parse(await bench("bench/sync/main.ts"));
    expect(figures.jobs).toBe(10);
  });
});
