// What an account's requests and Service Bus operations of a UTC day cost, in USD micro-units
// (usage_samples.cost_micros): requests beyond the grant holder's monthly request grant, taken day by
// day in date order (then account id); operations all billed (Service Bus Basic has no grant). Each
// day's exact figure is rounded once, half up, to a micro-USD. Prices are nano-USD per million.

export interface PricedSample {
  accountId: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
  /** The cloud and grant holder sharing the request grant (lib/usage/grant-holder.ts). */
  holder: string;
  requests: bigint;
  operations: bigint;
  /** nano-USD per million requests / operations; null: the cloud has no such price (nothing billed). */
  requestPrice: bigint | null;
  operationPrice: bigint | null;
  /** Requests free per holder and calendar month. */
  requestGrant: bigint;
}

const PER_MILLION_TO_MICRO = 1_000_000n * 1_000n;

/** The cost of each sample, keyed `${accountId} ${day}`. */
export function sampleCosts(samples: readonly PricedSample[]): Map<string, bigint> {
  const costs = new Map<string, bigint>();
  const byMonth = new Map<string, PricedSample[]>();
  for (const s of samples) {
    const key = `${s.holder}\n${s.day.slice(0, 7)}`;
    byMonth.set(key, [...(byMonth.get(key) ?? []), s]);
  }
  for (const month of byMonth.values()) {
    let before = 0n;
    for (const s of month.sort((a, b) => (a.day === b.day ? (a.accountId < b.accountId ? -1 : 1) : a.day < b.day ? -1 : 1))) {
      const over = before + s.requests - s.requestGrant;
      const billable = over <= 0n ? 0n : over < s.requests ? over : s.requests;
      before += s.requests;
      const scaled = billable * (s.requestPrice ?? 0n) + s.operations * (s.operationPrice ?? 0n);
      costs.set(`${s.accountId} ${s.day}`, (2n * scaled + PER_MILLION_TO_MICRO) / (2n * PER_MILLION_TO_MICRO));
    }
  }
  return costs;
}
