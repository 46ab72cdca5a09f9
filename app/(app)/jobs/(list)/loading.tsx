import { SkeletonFilters, SkeletonPage, SkeletonTable } from "@/components/skeleton";

/**
 * The Jobs screen while it reads: its filters and its table. In the (list) route group so it does not
 * wrap /jobs/[id], whose not-found must be decided before anything streams (see jobs/[id]/layout.tsx).
 */
export default function JobsLoading() {
  return (
    <SkeletonPage title="Jobs">
      <SkeletonFilters labels={["Search", "Cloud", "Account", "Last status"]} />
      <SkeletonTable columns={["Job", "Account", "Triggers", "Last run", "Next run", "Success (30 d)", "Median duration (30 d)", "Image"]} rows={10} />
    </SkeletonPage>
  );
}
