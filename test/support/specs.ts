import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// Where the official API definitions and vendor fixtures live: BATCHDECK_SPECS_DIR /
// BATCHDECK_FIXTURES_DIR, else ../shared/specs and ../shared/fixtures next to the repo.
// A missing file fails the test with the way to get it, never silently skips.

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export const specsDir = (): string => process.env.BATCHDECK_SPECS_DIR ?? join(repoRoot, "..", "shared", "specs");
export const fixturesDir = (): string => process.env.BATCHDECK_FIXTURES_DIR ?? join(repoRoot, "..", "shared", "fixtures");

export const AZURE_APP_EXAMPLES = "azure/specification/app/resource-manager/Microsoft.App/ContainerApps/stable/2025-07-01/examples";

function readJson(base: string, envName: string, relative: string): unknown {
  const path = join(base, relative);
  if (!existsSync(path)) {
    throw new Error(
      `Missing ${path}. The official API definitions are not in this checkout: run \`bash scripts/fetch-specs.sh\` ` +
        `(needs internet), or point ${envName} at a copy.`,
    );
  }
  return JSON.parse(readFileSync(path, "utf8"));
}

export function readSpec(relative: string): unknown {
  return readJson(specsDir(), "BATCHDECK_SPECS_DIR", relative);
}

export function readFixture(relative: string): unknown {
  return readJson(fixturesDir(), "BATCHDECK_FIXTURES_DIR", relative);
}

/** An x-ms-example: request parameters and responses by status code. */
export interface XmsExample {
  parameters: Record<string, unknown>;
  responses: Record<string, { headers?: Record<string, string>; body?: unknown }>;
}

export function readAzureExample(file: string): XmsExample {
  return readSpec(`${AZURE_APP_EXAMPLES}/${file}`) as XmsExample;
}

export function readAzureFixture(relative: string): XmsExample {
  return readFixture(`azure/${relative}`) as XmsExample;
}
