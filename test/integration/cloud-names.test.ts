import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Adding a cloud is meant to be a descriptor (lib/providers/<cloud>), a simulator side (sim/<cloud>) and
// one registry line each, so nothing else may name a cloud: a place that does is a place the next cloud
// would be forgotten in. This searches the tracked sources for the cloud ids and their SDK packages.

const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** Each cloud's id and SDK package scope. Product words in prose ("Azure") are not ids and pass. */
const CLOUD_NAMES: Record<string, RegExp> = { azure: /\bazure\b|@azure\//, aws: /\baws\b|@aws-sdk\//, gcp: /\bgcp\b|@google-cloud\// };

/** Where a cloud may be named: its own folders, the per-cloud price tables, tests and benchmarks (which drive one cloud's simulator), docs and the schema. */
const OWN_PLACES = [/^lib\/providers\/(azure|aws|gcp)\//, /^sim\/(azure|aws|gcp)\//, /^lib\/usage\/free-tiers\.ts$/, /\.test\.tsx?$/, /^test\//, /^e2e\//, /^bench\//, /^docs\//, /^prisma\//];

/**
 * Lines allowed by their exact text: the registry lines and the CLOUDS list, which are the design.
 */
const ALLOWED: Record<string, readonly string[]> = {
  "lib/providers/types.ts": ['export const CLOUDS = ["azure", "aws", "gcp"] as const;'],
  "lib/providers/registry.ts": [
    'import { azureDescriptor } from "./azure";',
    'import { gcpDescriptor } from "./gcp";',
    "  azure: azureDescriptor,",
    'import { awsDescriptor } from "./aws";',
    "  aws: awsDescriptor,",
    "  gcp: gcpDescriptor,",
  ],
  "sim/clouds.ts": [
    'import { awsSimCloud } from "./aws/simCloud";',
    'import { azureSimCloud } from "./azure/simCloud";',
    'import { gcpSimCloud } from "./gcp/simCloud";',
    "  azure: azureSimCloud,",
    "  aws: awsSimCloud,",
    "  gcp: gcpSimCloud,",
  ],
};

/** "file:line: text" for every line outside the allowed places that names a cloud. */
export function cloudMentions(files: readonly string[], read: (file: string) => string): string[] {
  const found: string[] = [];
  for (const file of files) {
    if (!/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(file) || OWN_PLACES.some((place) => place.test(file))) continue;
    read(file)
      .split("\n")
      .forEach((line, i) => {
        if (ALLOWED[file]?.includes(line)) return;
        for (const [cloud, pattern] of Object.entries(CLOUD_NAMES)) if (pattern.test(line)) found.push(`${file}:${i + 1}: names ${cloud}: ${line.trim()}`);
      });
  }
  return found;
}

describe("clouds are named only in their own places", () => {
  it("finds no cloud id or SDK package outside lib/providers/<cloud>, sim/<cloud> and the registry lines", () => {
    const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: repoRoot, encoding: "utf8" }).split("\n").filter(Boolean);
    expect(files.length).toBeGreaterThan(100);
    expect(cloudMentions(files, (file) => readFileSync(join(repoRoot, file), "utf8"))).toEqual([]);
  });

  it("reports a mention with its file and line, and lets the cloud's own folders and exact allowed lines pass", () => {
    const sources: Record<string, string> = {
      "lib/services/x.ts": 'const a = 1;\nif (cloud === "azure") sdk();\nimport { S3 } from "@aws-sdk/client-s3";',
      "lib/providers/azure/y.ts": 'import { x } from "@azure/identity";',
      "lib/providers/registry.ts": '  azure: azureDescriptor,\n  gcp: anotherDescriptor,',
      "app/page.tsx": "<p>Connect an Azure subscription</p>",
      "README.md": "azure",
    };
    expect(cloudMentions(Object.keys(sources), (file) => sources[file]!)).toEqual([
      'lib/services/x.ts:2: names azure: if (cloud === "azure") sdk();',
      'lib/services/x.ts:3: names aws: import { S3 } from "@aws-sdk/client-s3";',
      "lib/providers/registry.ts:2: names gcp: gcp: anotherDescriptor,",
    ]);
  });
});
