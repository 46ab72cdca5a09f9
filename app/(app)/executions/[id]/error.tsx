"use client";

import { RouteError, type RouteErrorProps } from "@/components/route-error";

export default function ExecutionError(props: RouteErrorProps) {
  return <RouteError {...props} title="This execution could not be shown" what="this run" back={{ href: "/executions", label: "Back to executions" }} />;
}
