import type { Prisma } from "@/lib/db/generated/client";
import { FREE_TIERS } from "./free-tiers";
import { grantHolderKey } from "./grant-holder";
import { effectivePrice, type PriceOverride } from "./price-book";
import type { Meter } from "./price-types";
import { sampleCosts } from "./sample-cost";

// usage_samples.cost_micros kept right (lib/usage/sample-cost.ts says the rule): the samples of every
// grant holder the given accounts belong to are re-priced, and only rows whose cost differs written.
// A sample is per account and day, a few hundred rows a year per account, so this runs in TypeScript.
// Requests and operations are priced at the cloud's reference region (a sample has no region):
// Cloud Run and Container Apps charge $0.40 per million requests in every region the book lists.

type Client = Pick<Prisma.TransactionClient, "cloudAccount" | "usageSample" | "priceOverride">;

/** Re-prices the samples of the accounts' grant holders (null: every account). Returns the rows rewritten. */
export async function repriceSamples(tx: Client, accountIds: readonly string[] | null): Promise<number> {
  const accounts = await tx.cloudAccount.findMany({ select: { id: true, cloud: true, billingGroup: true } });
  const holderOf = new Map(accounts.map((a) => [a.id, `${a.cloud} ${grantHolderKey(a)}`]));
  const holders = new Set(accountIds === null ? holderOf.values() : accountIds.map((id) => holderOf.get(id)));
  const members = accounts.filter((a) => holders.has(holderOf.get(a.id)));
  const overrides = (await tx.priceOverride.findMany()).map((o) => ({ ...o, meter: o.meter as Meter }) satisfies PriceOverride);
  const samples = await tx.usageSample.findMany({ where: { accountId: { in: members.map((a) => a.id) } }, select: { id: true, accountId: true, day: true, requests: true, operations: true, costMicros: true, updatedAt: true } });
  const cloudOf = new Map(members.map((a) => [a.id, a.cloud]));
  const price = (accountId: string, meter: Meter) => effectivePrice(cloudOf.get(accountId)!, meter, null, null, overrides)?.nanoUsd ?? null;
  const costs = sampleCosts(
    samples.map((s) => ({
      accountId: s.accountId, day: s.day.toISOString().slice(0, 10), holder: holderOf.get(s.accountId)!, requests: s.requests, operations: s.operations,
      requestPrice: price(s.accountId, "request"), operationPrice: price(s.accountId, "operation"), requestGrant: BigInt(FREE_TIERS[cloudOf.get(s.accountId)!]?.requests ?? 0),
    })),
  );
  let written = 0;
  for (const s of samples) {
    const cost = costs.get(`${s.accountId} ${s.day.toISOString().slice(0, 10)}`)!;
    if (cost === s.costMicros) continue;
    // updatedAt is when the account's requests were last counted (lib/sync/save-requests.ts): kept as it was.
    await tx.usageSample.update({ where: { id: s.id }, data: { costMicros: cost, updatedAt: s.updatedAt } });
    written++;
  }
  return written;
}
