"use client";

import { RouteError, type RouteErrorProps } from "@/components/route-error";

export default function MembersError(props: RouteErrorProps) {
  return <RouteError {...props} title="The members could not be shown" what="the members and invitations" back={{ href: "/", label: "Back to the overview" }} />;
}
