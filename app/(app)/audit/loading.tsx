import { SkeletonFilters, SkeletonPage, SkeletonTable } from "@/components/skeleton";

/** The audit log while it reads: its filters and its table. */
export default function AuditLoading() {
  return (
    <SkeletonPage title="Audit">
      <SkeletonFilters labels={["Action", "Result", "When", "Actor email"]} />
      <SkeletonTable columns={["When", "Actor", "Action", "Target", "Result"]} rows={10} />
    </SkeletonPage>
  );
}
