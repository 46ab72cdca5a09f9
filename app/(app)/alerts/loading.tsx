import { SkeletonCard, SkeletonPage } from "@/components/skeleton";

/** The alert channels while they read: the form to add one, then one card per channel. */
export default function AlertsLoading() {
  return (
    <SkeletonPage title="Alerts">
      <SkeletonCard heading="Add a channel" lines={3} />
      <SkeletonCard lines={4} />
      <SkeletonCard lines={4} />
    </SkeletonPage>
  );
}
