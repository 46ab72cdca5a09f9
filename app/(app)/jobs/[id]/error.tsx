"use client";

import { RouteError, type RouteErrorProps } from "@/components/route-error";

export default function JobError(props: RouteErrorProps) {
  return <RouteError {...props} title="This job could not be shown" what="this job" back={{ href: "/jobs", label: "Back to jobs" }} />;
}
