import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import manifest from "./specs-manifest.json";
import { fixtureFile, readJsonFile, specFile } from "./specs";

// The definitions the tests read are the ones the manifest names, byte for byte: what
// scripts/fetch-specs.sh would download on a machine with internet.
describe("specs manifest", () => {
  it.each(manifest.files.map((f) => [f.local, f] as const))("%s matches its sha256", (_local, file) => {
    const path = file.dir === "fixtures" ? fixtureFile(file.local) : specFile(file.local);
    readJsonFile(path); // a missing file fails here with how to get it
    expect(createHash("sha256").update(readFileSync(path)).digest("hex")).toBe(file.sha256);
    expect(file.commit).toMatch(/^[0-9a-f]{8,40}$/);
  });
});
