"use client";

import { RouteError, type RouteErrorProps } from "@/components/route-error";

export default function AccountsError(props: RouteErrorProps) {
  return <RouteError {...props} title="The accounts could not be shown" what="the cloud accounts" back={{ href: "/", label: "Back to the overview" }} />;
}
