import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { purgeSpan, retentionCut, RETENTION_MAX_DAYS, RETENTION_MIN_DAYS } from "@/lib/retention/cut";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { findLiveAccount } from "./find";

// An owner sets how long an account's run history is kept (blank: everything, the default). A
// retention that removes runs is saved only with an explicit confirmation, after the form has said how
// many and offered their export. The removal itself is the sync worker's purge (lib/retention/purge.ts),
// which picks the account up within half a sync interval and audits what it removed.

const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

export const retentionDaysInput = z.preprocess(
  blankToNull,
  z.coerce
    .number({ message: "Write the number of days, or leave it blank to keep everything." })
    .int("Whole days only.")
    .min(RETENTION_MIN_DAYS, `Keep at least ${RETENTION_MIN_DAYS} days, so a week of runs is always there to look into.`)
    .max(RETENTION_MAX_DAYS, `At most ${RETENTION_MAX_DAYS} days (ten years); leave it blank to keep everything.`)
    .nullable(),
);

export const setRetentionInput = z.object({
  accountId: z.string().min(1, "Missing account."),
  retentionDays: retentionDaysInput,
  /** The owner ticked "remove these runs" after seeing how many. */
  confirm: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});

export interface RetentionSaved {
  retentionDays: number | null;
  /** Runs the purge is about to remove. */
  runsToRemove: number;
}

const plural = (n: number, one: string) => `${n.toLocaleString("en-US")} ${one}${n === 1 ? "" : "s"}`;

export async function setRetention({ audit }: ServiceContext, input: z.infer<typeof setRetentionInput>): Promise<ServiceOutcome<RetentionSaved>> {
  const account = await findLiveAccount(input.accountId);
  const days = input.retentionDays;
  const span = days === null ? null : await purgeSpan(db(), account.id, retentionCut(days));
  const runsToRemove = span?.runs ?? 0;
  if (runsToRemove > 0 && !input.confirm) {
    throw new AppError("invalid", `Keeping ${days} days removes ${plural(runsToRemove, "run")} of ${account.name}. Export them if you need them, then confirm the removal.`, {
      confirm: "Tick this to confirm that these runs will be removed.",
    });
  }
  const audited = await db().$transaction(async (tx) => {
    await tx.cloudAccount.update({ where: { id: account.id }, data: { retentionDays: days } });
    return audit(tx, {
      targetType: "cloud_account",
      targetId: account.id,
      target: account.name,
      detail: { retentionDaysBefore: account.retentionDays, retentionDays: days, runsToRemove },
    });
  });
  const message =
    days === null
      ? `${account.name} keeps its whole run history.`
      : runsToRemove > 0
        ? `${account.name} keeps ${days} days of runs. The ${plural(runsToRemove, "older run")} are removed in the background shortly; the audit log records the purge.`
        : `${account.name} keeps ${days} days of runs; none is old enough to be removed yet.`;
  return { data: { retentionDays: days, runsToRemove }, message, audited };
}
