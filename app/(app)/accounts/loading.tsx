import { SkeletonPage, SkeletonTable } from "@/components/skeleton";

/** The accounts while they read: the table of accounts. */
export default function AccountsLoading() {
  return (
    <SkeletonPage title="Cloud accounts">
      <SkeletonTable columns={["Account", "Cloud", "Jobs", "Sync"]} rows={3} />
    </SkeletonPage>
  );
}
