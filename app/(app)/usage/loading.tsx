import { SkeletonCard, SkeletonPage } from "@/components/skeleton";

/** Usage while it adds up the month: one card per account. */
export default function UsageLoading() {
  return (
    <SkeletonPage title="Usage">
      <div className="usage-grid">
        <SkeletonCard lines={5} />
        <SkeletonCard lines={5} />
      </div>
    </SkeletonPage>
  );
}
