"use server";

import { defineAction } from "@/lib/actions/define-action";
import { accountIdInput } from "@/lib/services/accounts/schemas";
import { createAccount, createAccountInput } from "@/lib/services/accounts/create";
import { syncNow } from "@/lib/services/accounts/sync-now";
import { testConnection } from "@/lib/services/accounts/test-connection";
import { updateAccount, updateAccountInput } from "@/lib/services/accounts/update";
import { deleteAccount } from "@/lib/services/accounts/delete";
import { setRetention, setRetentionInput } from "@/lib/services/accounts/set-retention";
import { setBillingGroup, setBillingGroupInput } from "@/lib/services/accounts/set-billing-group";

export const testConnectionAction = defineAction({
  name: "account.test_connection",
  permission: "accounts:manage",
  input: accountIdInput,
  run: testConnection,
  revalidate: "/accounts",
});

export const syncNowAction = defineAction({ name: "account.sync", permission: "accounts:manage", input: accountIdInput, run: syncNow, revalidate: "layout" });

export const createAccountAction = defineAction({
  name: "account.create",
  permission: "accounts:manage",
  input: createAccountInput,
  run: createAccount,
  revalidate: "layout",
});

export const updateAccountAction = defineAction({
  name: "account.update",
  permission: "accounts:manage",
  input: updateAccountInput,
  run: updateAccount,
  revalidate: "layout",
});

export const deleteAccountAction = defineAction({ name: "account.delete", permission: "accounts:manage", input: accountIdInput, run: deleteAccount, revalidate: "layout" });

export const setRetentionAction = defineAction({
  name: "account.set_retention",
  permission: "accounts:retention",
  input: setRetentionInput,
  run: setRetention,
  revalidate: "/accounts",
});

export const setBillingGroupAction = defineAction({
  name: "account.set_billing_group",
  permission: "usage:prices",
  input: setBillingGroupInput,
  run: setBillingGroup,
  revalidate: "layout",
});
