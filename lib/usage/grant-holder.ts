// Who a free grant belongs to. Azure grants per subscription and Google per billing account, across the
// projects it pays for (https://cloud.google.com/run/pricing, "Free tier ... aggregated across projects by
// billing account"): accounts an owner puts in the same billing group share one grant; an account in no
// group holds its own. AWS Fargate has no grant, but its accounts are grouped alike for budgets.

export interface GrantHolderAccount {
  id: string;
  billingGroup: string | null;
}

/** The grant holder's key: `group:<name>` for a billing group, `account:<id>` for an account on its own. */
export function grantHolderKey(account: GrantHolderAccount): string {
  return account.billingGroup ? `group:${account.billingGroup}` : `account:${account.id}`;
}

/** grantHolderKey as SQL, for a cloud_accounts row aliased `alias` (a code constant, never input). */
export function grantHolderSql(alias: string): string {
  return `coalesce('group:' || nullif(${alias}.billing_group, ''), 'account:' || ${alias}.id)`;
}
