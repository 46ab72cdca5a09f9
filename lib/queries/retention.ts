import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { purgeSpan, retentionCut } from "@/lib/retention/cut";
import { retentionDaysInput } from "@/lib/services/accounts/set-retention";
import type { Actor } from "@/lib/services/context";
import { assertCan } from "./access";

// What a retention would remove now, for the form that sets it: shown before the owner confirms.

const previewQuery = z.object({ account: z.string().min(1, "Name the account."), days: retentionDaysInput.pipe(z.number({ message: "Write the number of days." })) });

export interface RetentionPreview {
  days: number;
  /** Runs that ended before this UTC midnight would be removed. */
  cut: Date;
  runs: number;
  from: Date | null;
  to: Date | null;
}

export async function retentionPreview(actor: Actor, params: URLSearchParams): Promise<RetentionPreview> {
  assertCan(actor, "accounts:retention");
  const parsed = previewQuery.safeParse(Object.fromEntries(params));
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues.map((i) => i.message).join(" "));
  const { account, days } = parsed.data;
  const exists = await db().cloudAccount.findUnique({ where: { id: account }, select: { id: true } });
  if (!exists) throw new AppError("not_found", "That cloud account no longer exists. Reload the page.");
  const cut = retentionCut(days);
  return { days, cut, ...(await purgeSpan(db(), account, cut)) };
}
