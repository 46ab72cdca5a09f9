import { FIXTURES_DIR, SPECS_DIR, fixtureFile, readJsonFile, specFile } from "../contract/specs";

// Azure example helpers on top of the one spec loader (test/contract/specs.ts), which finds the
// definitions and says how to fetch a missing one.

export const specsDir = (): string => SPECS_DIR;
export const fixturesDir = (): string => FIXTURES_DIR;

export const AZURE_APP_EXAMPLES = "azure/specification/app/resource-manager/Microsoft.App/ContainerApps/stable/2025-07-01/examples";

/** An x-ms-example: request parameters and responses by status code. */
export interface XmsExample {
  parameters: Record<string, unknown>;
  responses: Record<string, { headers?: Record<string, string>; body?: unknown }>;
}

export function readAzureExample(file: string): XmsExample {
  return readJsonFile(specFile(`${AZURE_APP_EXAMPLES}/${file}`)) as XmsExample;
}

export function readAzureFixture(relative: string): XmsExample {
  return readJsonFile(fixtureFile(`azure/${relative}`)) as XmsExample;
}
