import { createLoader, createSerializer, type LoaderInput } from "nuqs/server";
import type { LogFilters } from "@/lib/queries/logs";
import { definedOnly, parseAsBatch, parseAsCatalogId, parseAsText } from "@/lib/url-state/parsers";

// The Logs screen's URL: one execution, or a job's batch, the text to look for, and the log reader's own
// cursor (opaque, not a keyset one).

export const logSearchParams = {
  execution: parseAsCatalogId,
  job: parseAsCatalogId,
  batch: parseAsBatch,
  contains: parseAsText(200),
  cursor: parseAsText(200),
};

const load = createLoader(logSearchParams);
const serialize = createSerializer(logSearchParams);

export function loadLogFilters(input: LoaderInput): LogFilters {
  return definedOnly(load(input));
}

export function logsHref(filters: LogFilters): string {
  return serialize("/logs", filters);
}
