import { createLoader, createSerializer, type LoaderInput } from "nuqs/server";
import type { ExecutionFilters } from "@/lib/queries/executions";
import { TIME_RANGES, definedOnly, parseAsBatch, parseAsCatalogId, parseAsCloud, parseAsExecutionStatus, parseAsKeysetCursor, parseAsTimeRange } from "@/lib/url-state/parsers";

// The Executions screen's URL: its filters and its keyset page, so a view can be bookmarked and shared.

export const executionSearchParams = {
  cloud: parseAsCloud,
  job: parseAsCatalogId,
  batch: parseAsBatch,
  status: parseAsExecutionStatus,
  range: parseAsTimeRange(TIME_RANGES),
  before: parseAsKeysetCursor,
};

const load = createLoader(executionSearchParams);
const serialize = createSerializer(executionSearchParams);

/** The filters in a URL; a value the screen does not understand is no filter. */
export function loadExecutionFilters(input: LoaderInput): ExecutionFilters {
  return definedOnly(load(input));
}

export function executionsHref(filters: ExecutionFilters): string {
  return serialize("/executions", filters);
}
