import { SkeletonCard, SkeletonPage } from "@/components/skeleton";

/** An execution's page while it reads (the layout has already found it): timeline, run, overrides, logs. */
export default function ExecutionLoading() {
  return (
    <SkeletonPage title="Execution">
      <div className="execution-grid">
        <SkeletonCard heading="Timeline" lines={3} />
        <SkeletonCard heading="Run" lines={6} />
        <SkeletonCard heading="Overrides" lines={2} />
      </div>
      <SkeletonCard heading="Logs" lines={8} />
    </SkeletonPage>
  );
}
