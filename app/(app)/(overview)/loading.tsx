import { SkeletonLine, SkeletonPage, SkeletonTable } from "@/components/skeleton";

/** The overview while it reads: the counters, then the failures, the running runs and the accounts. */
export default function OverviewLoading() {
  return (
    <SkeletonPage title="Overview">
      <dl className="stats" aria-hidden="true">
        {["Runs", "Succeeded", "Failed", "Stopped", "Running now"].map((label) => (
          <div key={label}><dt>{label}</dt><dd><SkeletonLine width={48} height={28} /></dd></div>
        ))}
      </dl>
      <SkeletonTable heading="Failed since yesterday" columns={["Job", "Batch", "Status", "Started", "Details"]} rows={3} />
      <SkeletonTable heading="Running now" columns={["Job", "Batch", "Status", "Started", "Details"]} rows={2} />
      <SkeletonTable heading="Accounts" columns={["Account", "Jobs", "Last synced", "Health"]} rows={3} />
    </SkeletonPage>
  );
}
