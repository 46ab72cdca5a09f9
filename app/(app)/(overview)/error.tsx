"use client";

import { RouteError, type RouteErrorProps } from "@/components/route-error";

export default function OverviewError(props: RouteErrorProps) {
  return <RouteError {...props} title="The overview could not be shown" what="what ran since yesterday" back={{ href: "/jobs", label: "Go to jobs" }} />;
}
