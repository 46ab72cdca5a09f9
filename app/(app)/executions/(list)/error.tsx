"use client";

import { RouteError, type RouteErrorProps } from "@/components/route-error";

export default function ExecutionsError(props: RouteErrorProps) {
  return <RouteError {...props} title="The executions could not be shown" what="the history of runs" back={{ href: "/", label: "Back to the overview" }} />;
}
