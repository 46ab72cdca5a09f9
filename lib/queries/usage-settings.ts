import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/services/context";
import { grantHolderKey } from "@/lib/usage/grant-holder";
import { assertCan } from "./access";

// The Budgets and rates screen: each grant holder (lib/usage/grant-holder.ts) with its budget, and the
// currency rates an owner set, with when and by whom.

export interface HolderBudget {
  key: string;
  name: string;
  accounts: string[];
  monthlyMicros: bigint | null;
  setAt: Date | null;
  setBy: string | null;
}

export async function usageSettings(actor: Actor) {
  assertCan(actor, "catalog:read");
  const [accounts, budgets, rates] = await Promise.all([
    db().cloudAccount.findMany({ where: { deletedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true, billingGroup: true } }),
    db().usageBudget.findMany(),
    db().currencyRate.findMany({ orderBy: { currency: "asc" } }),
  ]);
  const budgetOf = new Map(budgets.map((b) => [b.holderKey, b]));
  const holders = new Map<string, HolderBudget>();
  for (const a of accounts) {
    const key = grantHolderKey(a);
    const budget = budgetOf.get(key);
    const holder = holders.get(key) ?? {
      key,
      name: a.billingGroup ? `Billing group ${a.billingGroup}` : a.name,
      accounts: [],
      monthlyMicros: budget?.monthlyMicros ?? null,
      setAt: budget?.setAt ?? null,
      setBy: budget?.setBy ?? null,
    };
    holder.accounts.push(a.name);
    holders.set(key, holder);
  }
  return { holders: [...holders.values()], rates };
}
