import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readJsonFile, specFile } from "../../test/contract/specs";
import { protoEnums, type DiscoveryDoc, type ValidateOptions } from "./discovery";

// For the contract tests: Google's discovery documents and protos from BATCHDECK_SPECS_DIR
// (../shared/specs/google), plus Cloud Scheduler's protos, which ship with @google-cloud/scheduler.

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface GoogleSpecs {
  run: DiscoveryDoc;
  scheduler: DiscoveryDoc;
  logging: DiscoveryDoc;
  options: ValidateOptions;
}

function protoFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? protoFiles(join(dir, d.name)) : d.name.endsWith(".proto") ? [join(dir, d.name)] : []));
}

export function googleSpecs(): GoogleSpecs {
  const doc = (file: string) => readJsonFile(specFile(`google/discovery/${file}`)) as DiscoveryDoc;
  const run = doc("run.v2.json");
  const sources = [...protoFiles(specFile("google/protos")), ...protoFiles(join(repoRoot, "node_modules/@google-cloud/scheduler/build/protos/google/cloud/scheduler"))].map((f) => readFileSync(f, "utf8"));
  return {
    run,
    scheduler: doc("cloudscheduler.v1.json"),
    logging: doc("logging.v2.json"),
    options: {
      protoEnums: protoEnums(sources),
      anyTypes: {
        "type.googleapis.com/google.cloud.run.v2.Execution": [run, "GoogleCloudRunV2Execution"],
        "type.googleapis.com/google.cloud.run.v2.Job": [run, "GoogleCloudRunV2Job"],
      },
    },
  };
}
