"use client";

import { RouteError, type RouteErrorProps } from "@/components/route-error";

export default function AlertsError(props: RouteErrorProps) {
  return <RouteError {...props} title="The alert channels could not be shown" what="the alert channels" back={{ href: "/", label: "Back to the overview" }} />;
}
