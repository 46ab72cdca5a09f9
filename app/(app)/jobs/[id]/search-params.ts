import { createLoader, createSerializer, type LoaderInput } from "nuqs/server";
import type { JobHistoryFilters } from "@/lib/queries/job-page";
import { definedOnly } from "@/lib/url-state/parsers";
import { executionSearchParams } from "../../executions/search-params";

// The job page's URL: its execution history's filters and keyset page, those of the Executions screen
// for this one job (the job comes from the path, never from the query).

const { batch, status, range, before } = executionSearchParams;
export const jobHistorySearchParams = { batch, status, range, before };

const load = createLoader(jobHistorySearchParams);
const serialize = createSerializer(jobHistorySearchParams);

export function loadJobHistoryFilters(input: LoaderInput): JobHistoryFilters {
  return definedOnly(load(input));
}

/** The job page with these history filters, scrolled to the history. */
export function jobHistoryHref(jobId: string, filters: JobHistoryFilters): string {
  return serialize(`/jobs/${jobId}#history`, filters);
}
