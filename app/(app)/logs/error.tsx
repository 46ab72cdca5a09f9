"use client";

import { RouteError, type RouteErrorProps } from "@/components/route-error";

export default function LogsError(props: RouteErrorProps) {
  return <RouteError {...props} title="The logs could not be shown" what="these logs" back={{ href: "/executions", label: "Back to executions" }} />;
}
