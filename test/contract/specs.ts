import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// Where contract tests find the vendors' official API definitions and examples. They are not in the
// repo: test/contract/specs-manifest.json lists each file (repository, commit, path, sha256) and
// `bash scripts/fetch-specs.sh` downloads them where the internet is reachable.

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export const SPECS_DIR = resolve(process.env.BATCHDECK_SPECS_DIR ?? resolve(repoRoot, "../shared/specs"));
export const FIXTURES_DIR = resolve(process.env.BATCHDECK_FIXTURES_DIR ?? resolve(repoRoot, "../shared/fixtures"));

export class MissingSpecError extends Error {}

const cache = new Map<string, unknown>();

/** Reads a JSON definition by absolute path, or explains how to get it when it is missing. */
export function readJsonFile(absolutePath: string): unknown {
  const cached = cache.get(absolutePath);
  if (cached !== undefined) return cached;
  if (!existsSync(absolutePath)) {
    throw new MissingSpecError(
      `Missing API definition ${absolutePath}. Get the official definitions with \`bash scripts/fetch-specs.sh\` ` +
        `(files listed in test/contract/specs-manifest.json), or point BATCHDECK_SPECS_DIR / BATCHDECK_FIXTURES_DIR at a copy.`,
    );
  }
  const parsed = JSON.parse(readFileSync(absolutePath, "utf8")) as unknown;
  cache.set(absolutePath, parsed);
  return parsed;
}

/** A file under the specs dir, e.g. "azure/specification/app/…/Jobs.json". */
export function specFile(relativePath: string): string {
  return resolve(SPECS_DIR, relativePath);
}

export function fixtureFile(relativePath: string): string {
  return resolve(FIXTURES_DIR, relativePath);
}

export const AZURE_SPECS = {
  jobs: "azure/specification/app/resource-manager/Microsoft.App/ContainerApps/stable/2025-07-01/Jobs.json",
  logAnalytics: "azure/specification/operationalinsights/data-plane/Microsoft.OperationalInsights/stable/v1/OperationalInsights.json",
} as const;
