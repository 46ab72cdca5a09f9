import type { Role } from "@/lib/db/generated/enums";

// Who may do what. Checked on the server by the action and route wrappers; the UI reads the same table
// only to decide what to show.

export const ROLES = ["owner", "admin", "operator", "viewer"] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  operator: "Operator",
  viewer: "Viewer",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Everything, including managing owners",
  admin: "Cloud accounts, members and redeploys",
  operator: "Trigger and stop runs",
  viewer: "Read-only",
};

export type Permission =
  | "catalog:read"
  | "audit:read"
  | "executions:run"
  | "jobs:redeploy"
  | "accounts:manage"
  | "members:manage"
  /** Download an account's run history as CSV/JSON (lib/export/executions.ts). */
  | "executions:export"
  /** Set how long an account's run history is kept; a shorter retention deletes runs, so owners only. */
  | "accounts:retention"
  /** Override a price or set an account's billing group: every cost shown changes, so owners only. */
  | "usage:prices"
  | "alerts:manage"
  /** Set monthly budgets and the currency rates amounts are shown at (lib/services/usage). */
  | "usage:budgets";

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ["catalog:read", "audit:read"],
  operator: ["catalog:read", "audit:read", "executions:run"],
  admin: ["catalog:read", "audit:read", "executions:run", "jobs:redeploy", "accounts:manage", "members:manage", "executions:export", "alerts:manage"],
  owner: ["catalog:read", "audit:read", "executions:run", "jobs:redeploy", "accounts:manage", "members:manage", "executions:export", "accounts:retention", "usage:prices", "alerts:manage", "usage:budgets"],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** Owners outrank admins: an admin may not change or remove an owner, nor make someone an owner. */
export function outranks(actor: Role, target: Role): boolean {
  return actor === "owner" || target !== "owner";
}
