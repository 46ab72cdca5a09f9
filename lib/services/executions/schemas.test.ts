import { describe, expect, it } from "vitest";
import { envLinesSchema } from "./schemas";

describe("env overrides of a run", () => {
  it("reads NAME=value lines, skipping blanks and comments", () => {
    expect(envLinesSchema.parse("BATCH=no2\n\n# a note\n LOG_LEVEL = debug \nEMPTY=")).toEqual({ BATCH: "no2", LOG_LEVEL: "debug", EMPTY: "" });
  });

  it("names the line of a bad name, a value too long, or too many overrides", () => {
    const error = (text: string) => envLinesSchema.safeParse(text).error?.issues.map((i) => i.message);
    expect(error("OK=1\n9LIVES=x")).toEqual(["Line 2: write NAME=value, with a name of letters, digits and _ (not starting with a digit)."]);
    expect(error("=x")).toEqual(["Line 1: write NAME=value, with a name of letters, digits and _ (not starting with a digit)."]);
    expect(error(`BIG=${"x".repeat(4097)}`)).toEqual(["Line 1: keep a value under 4,096 characters."]);
    expect(envLinesSchema.parse(`BIG=${"x".repeat(4096)}`)).toEqual({ BIG: "x".repeat(4096) });
    expect(error(Array.from({ length: 51 }, (_, i) => `V${i}=1`).join("\n"))).toEqual(["At most 50 env overrides per run."]);
  });
});
