import { SkeletonFilters, SkeletonPage, SkeletonTable } from "@/components/skeleton";

/** The Executions screen while it reads: its filters and its table. */
export default function ExecutionsLoading() {
  return (
    <SkeletonPage title="Executions">
      <SkeletonFilters labels={["Cloud", "Job", "Batch", "Status"]} />
      <SkeletonTable columns={["Execution", "Job", "Batch", "Status", "Started", "Duration", "Triggered by"]} rows={10} />
    </SkeletonPage>
  );
}
