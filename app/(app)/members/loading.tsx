import { SkeletonCard, SkeletonPage, SkeletonTable } from "@/components/skeleton";

/** The members while they read: the invitation form, the members, the pending invitations. */
export default function MembersLoading() {
  return (
    <SkeletonPage title="Members">
      <SkeletonCard heading="Invite someone" lines={2} />
      <SkeletonTable heading="Members" columns={["Member", "Role"]} rows={4} />
    </SkeletonPage>
  );
}
