"use client";

import { RouteError, type RouteErrorProps } from "@/components/route-error";

export default function AuditError(props: RouteErrorProps) {
  return <RouteError {...props} title="The audit log could not be shown" what="the audit log" back={{ href: "/", label: "Back to the overview" }} />;
}
