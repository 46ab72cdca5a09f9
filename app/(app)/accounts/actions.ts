"use server";

import { defineAction } from "@/lib/actions/define-action";
import { accountIdInput } from "@/lib/services/accounts/schemas";
import { syncNow } from "@/lib/services/accounts/sync-now";
import { testConnection } from "@/lib/services/accounts/test-connection";

export const testConnectionAction = defineAction({
  name: "account.test_connection",
  permission: "accounts:manage",
  input: accountIdInput,
  run: testConnection,
  revalidate: "/accounts",
});

export const syncNowAction = defineAction({ name: "account.sync", permission: "accounts:manage", input: accountIdInput, run: syncNow, revalidate: "layout" });
