"use client";

import { RouteError, type RouteErrorProps } from "@/components/route-error";

export default function JobsError(props: RouteErrorProps) {
  return <RouteError {...props} title="The jobs could not be shown" what="the jobs" back={{ href: "/", label: "Back to the overview" }} />;
}
