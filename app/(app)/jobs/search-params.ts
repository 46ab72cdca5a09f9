import { createLoader, createSerializer, parseAsInteger, parseAsNumberLiteral, parseAsStringLiteral } from "nuqs/server";
import { parseAsCatalogId, parseAsCloud, parseAsText } from "@/lib/url-state/parsers";
import { DEFAULT_JOBS_QUERY, JOB_PAGE_SIZES, JOB_SORTS, LAST_STATUSES, SORT_DIRECTIONS } from "@/lib/queries/jobs-table";

// The Jobs screen's state in the URL: search, filters, order and page. A value the parsers can't read
// (an unknown cloud, a page that is not a number) is the default, never an error page; the serializer
// leaves defaults out, so the plain screen is plain /jobs.

export const jobsSearchParams = {
  q: parseAsText(200).withDefault(DEFAULT_JOBS_QUERY.q),
  cloud: parseAsCloud,
  account: parseAsCatalogId,
  status: parseAsStringLiteral(LAST_STATUSES),
  sort: parseAsStringLiteral(JOB_SORTS).withDefault(DEFAULT_JOBS_QUERY.sort),
  dir: parseAsStringLiteral(SORT_DIRECTIONS).withDefault(DEFAULT_JOBS_QUERY.dir),
  page: parseAsInteger.withDefault(DEFAULT_JOBS_QUERY.page),
  size: parseAsNumberLiteral(JOB_PAGE_SIZES).withDefault(DEFAULT_JOBS_QUERY.size),
};

export const loadJobsSearchParams = createLoader(jobsSearchParams);
export const jobsHref = createSerializer(jobsSearchParams);
