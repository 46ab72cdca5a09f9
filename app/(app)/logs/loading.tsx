import { SkeletonCard, SkeletonFilters, SkeletonPage } from "@/components/skeleton";

/** The Logs screen while it asks the log cache (and maybe the cloud): the chooser and the lines to come. */
export default function LogsLoading() {
  return (
    <SkeletonPage title="Logs">
      <SkeletonFilters labels={["Job", "Batch", "Containing"]} />
      <SkeletonCard lines={12} />
    </SkeletonPage>
  );
}
