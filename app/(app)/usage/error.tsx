"use client";

import { RouteError, type RouteErrorProps } from "@/components/route-error";

export default function UsageError(props: RouteErrorProps) {
  return <RouteError {...props} title="Usage could not be shown" what="this month's usage" back={{ href: "/", label: "Back to the overview" }} />;
}
