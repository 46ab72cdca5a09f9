"use server";

import { defineAction } from "@/lib/actions/define-action";
import { accountIdInput } from "@/lib/services/accounts/schemas";
import { createAzureAccount, createAzureAccountInput } from "@/lib/services/accounts/create";
import { syncNow } from "@/lib/services/accounts/sync-now";
import { testConnection } from "@/lib/services/accounts/test-connection";
import { updateAzureAccount, updateAzureAccountInput } from "@/lib/services/accounts/update";
import { deleteAccount } from "@/lib/services/accounts/delete";

export const testConnectionAction = defineAction({
  name: "account.test_connection",
  permission: "accounts:manage",
  input: accountIdInput,
  run: testConnection,
  revalidate: "/accounts",
});

export const syncNowAction = defineAction({ name: "account.sync", permission: "accounts:manage", input: accountIdInput, run: syncNow, revalidate: "layout" });

export const createAzureAccountAction = defineAction({
  name: "account.create",
  permission: "accounts:manage",
  input: createAzureAccountInput,
  run: createAzureAccount,
  revalidate: "layout",
});

export const updateAzureAccountAction = defineAction({
  name: "account.update",
  permission: "accounts:manage",
  input: updateAzureAccountInput,
  run: updateAzureAccount,
  revalidate: "layout",
});

export const deleteAccountAction = defineAction({ name: "account.delete", permission: "accounts:manage", input: accountIdInput, run: deleteAccount, revalidate: "layout" });
