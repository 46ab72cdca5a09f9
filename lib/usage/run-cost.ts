import { utcMonth } from "./compute";
import { COST_SCALE, type BillingRules } from "./price-book";

// What each run cost, in USD micro-units, after its grant holder's free grant: the rule
// lib/usage/reprice.ts applies in SQL, written out plainly (and tested with hand-computed figures).
// 1. A run counts once it has ended and its vCPU and memory are known (otherwise its cost is null).
// 2. Its time is split per UTC month as lib/usage/compute.ts clips it; each part is rounded up to the
//    cloud's step; a cloud's minimum (Fargate: one minute) tops up the part in the month it started.
//    vCPU-ms = ⌈milli-vCPU × ms ÷ 1000⌉, GiB-ms = ⌈MiB × ms ÷ 1024⌉, as the usage screens count them.
// 3. Per grant holder and month, parts are taken in execution order (started_at, then id): a part pays
//    for what it uses beyond the grant left by the parts before it.
// 4. Rounding: the run's exact total over its parts and meters is rounded once, half up, to a micro-USD.

export interface PricedRun {
  id: string;
  /** Runs sharing a grant: the cloud and its grant holder (lib/usage/grant-holder.ts). */
  holder: string;
  startedAt: Date | null;
  endedAt: Date | null;
  milliVcpu: number | null;
  memoryMiB: number | null;
  /** Prices per vCPU-ms and GiB-ms, × COST_SCALE (price-book's perMillisecondScaled). */
  vcpuRate: bigint;
  gibRate: bigint;
  rules: BillingRules;
}

interface Part {
  run: PricedRun;
  month: number;
  vcpu: bigint;
  gib: bigint;
}

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/** The run's parts, one per UTC month it overlaps, each with its rounded quantities. */
function partsOf(run: PricedRun & { startedAt: Date; endedAt: Date; milliVcpu: number; memoryMiB: number }): Part[] {
  const { stepMs, minimumMs } = run.rules;
  const billed: { month: number; ms: number }[] = [];
  for (let month = utcMonth(run.startedAt).start; month < run.endedAt; month = utcMonth(month).end) {
    const ms = Math.min(run.endedAt.getTime(), utcMonth(month).end.getTime()) - Math.max(run.startedAt.getTime(), month.getTime());
    if (ms > 0) billed.push({ month: month.getTime(), ms: Math.ceil(ms / stepMs) * stepMs });
  }
  const total = billed.reduce((sum, b) => sum + b.ms, 0);
  if (billed[0] && billed[0].month === utcMonth(run.startedAt).start.getTime()) billed[0].ms += Math.max(0, minimumMs - total);
  return billed.map((b) => ({
    run,
    month: b.month,
    vcpu: ceilDiv(BigInt(run.milliVcpu) * BigInt(b.ms), 1000n),
    gib: ceilDiv(BigInt(run.memoryMiB) * BigInt(b.ms), 1024n),
  }));
}

const beyond = (used: bigint, before: bigint, grant: bigint) => {
  const over = before + used - grant;
  return over <= 0n ? 0n : over < used ? over : used;
};

const byExecutionOrder = (a: Part, b: Part) =>
  a.run.startedAt!.getTime() - b.run.startedAt!.getTime() || (a.run.id < b.run.id ? -1 : a.run.id > b.run.id ? 1 : 0);

/** Each run's cost in micro-USD (null: still running, or its allocation unknown). */
export function runCosts(runs: readonly PricedRun[]): Map<string, bigint | null> {
  const costs = new Map<string, bigint | null>();
  const scaled = new Map<string, bigint>();
  const groups = new Map<string, Part[]>();
  for (const run of runs) {
    const { startedAt, endedAt, milliVcpu, memoryMiB } = run;
    if (!startedAt || !endedAt || milliVcpu === null || memoryMiB === null) {
      costs.set(run.id, null);
      continue;
    }
    scaled.set(run.id, 0n);
    for (const part of partsOf({ ...run, startedAt, endedAt, milliVcpu, memoryMiB })) {
      const key = `${run.holder}\n${part.month}`;
      groups.set(key, [...(groups.get(key) ?? []), part]);
    }
  }
  for (const parts of groups.values()) {
    let vcpuBefore = 0n;
    let gibBefore = 0n;
    for (const part of parts.sort(byExecutionOrder)) {
      const { rules, vcpuRate, gibRate, id } = part.run;
      const cost = beyond(part.vcpu, vcpuBefore, rules.grantVcpuMs) * vcpuRate + beyond(part.gib, gibBefore, rules.grantGibMs) * gibRate;
      scaled.set(id, scaled.get(id)! + cost);
      vcpuBefore += part.vcpu;
      gibBefore += part.gib;
    }
  }
  // Half up: ⌊(2x + d) ÷ 2d⌋ for x ≥ 0.
  for (const [id, x] of scaled) costs.set(id, (2n * x + COST_SCALE) / (2n * COST_SCALE));
  return costs;
}
