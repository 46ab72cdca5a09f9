import { readFileSync } from "node:fs";
import path from "node:path";

// The vendor's AWS examples (../shared/fixtures/aws: aws-cli and developer-guide examples, the Smithy
// models' smithy.api#examples) as the SDK hands them to the adapter: the JSON protocols send
// timestamps as epoch seconds or ISO text, and the SDK gives them as Dates.

const ROOT = path.resolve(process.cwd(), "../shared/fixtures/aws");

/** Timestamp members of the ECS and Scheduler shapes the adapter reads (Smithy `timestamp` targets). */
const TIMESTAMPS = /At$|^(CreationDate|LastModificationDate|StartDate|EndDate)$/;

export function asSdkShape<T>(value: unknown): T {
  if (Array.isArray(value)) return value.map((v) => asSdkShape(v)) as T;
  if (value === null || typeof value !== "object") return value as T;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, TIMESTAMPS.test(k) && (typeof v === "number" || typeof v === "string") ? new Date(typeof v === "number" ? v * 1000 : v) : asSdkShape(v)]),
  ) as T;
}

export function awsFixture(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(ROOT, file), "utf8")) as Record<string, unknown>;
}

/** An example's output (or the named part of it) in SDK shape. */
export function awsOutput<T>(file: string): T {
  return asSdkShape<T>(awsFixture(file).output);
}
