import { describe, expect, it } from "vitest";
import { useDemoEnv, useTestDatabase } from "@/test/support/database";
import { ctxOf, memberActor } from "@/test/support/service-context";
import { insertRuns, seedJob } from "@/test/support/runs";
import { AppError } from "@/lib/errors";
import { can, ROLES } from "@/lib/auth/roles";

useDemoEnv();
await useTestDatabase();

const { db } = await import("@/lib/db/client");
const { setRetention, setRetentionInput } = await import("./set-retention");
const { retentionPreview } = await import("@/lib/queries/retention");
const { retentionCut } = await import("@/lib/retention/cut");

const DAY = 24 * 3600 * 1000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
const fieldError = (input: Record<string, unknown>) => setRetentionInput.safeParse({ accountId: "a1", ...input }).error?.issues[0]?.message;

describe("who may set a retention and export", () => {
  it("owners set it; admins and owners export; operators and viewers do neither", () => {
    expect(ROLES.filter((r) => can(r, "accounts:retention"))).toEqual(["owner"]);
    expect(ROLES.filter((r) => can(r, "executions:export"))).toEqual(["owner", "admin"]);
  });
});

describe("setting a retention", () => {
  it("validates the days with messages that say what to write", () => {
    expect(setRetentionInput.parse({ accountId: "a1", retentionDays: "" })).toEqual({ accountId: "a1", retentionDays: null, confirm: false });
    expect(setRetentionInput.parse({ accountId: "a1", retentionDays: "30", confirm: "on" })).toEqual({ accountId: "a1", retentionDays: 30, confirm: true });
    expect(fieldError({ retentionDays: "6" })).toBe("Keep at least 7 days, so a week of runs is always there to look into.");
    expect(fieldError({ retentionDays: "3651" })).toBe("At most 3650 days (ten years); leave it blank to keep everything.");
    expect(fieldError({ retentionDays: "7.5" })).toBe("Whole days only.");
    expect(fieldError({ retentionDays: "a month" })).toBe("Write the number of days, or leave it blank to keep everything.");
  });

  it("says how many runs it removes, and saves only once the owner confirms", async () => {
    const owner = await memberActor("owner@lab.test", "owner");
    const lab = await seedJob("lab");
    const [old1, old2] = [daysAgo(40), daysAgo(35)];
    await insertRuns(lab, [
      { providerId: "old-1", startedAt: old1 },
      { providerId: "old-2", startedAt: old2 },
      { providerId: "new-1", startedAt: daysAgo(2) },
    ]);
    const preview = await retentionPreview(owner, new URLSearchParams({ account: lab.accountId, days: "30" }));
    expect(preview).toEqual({ days: 30, cut: retentionCut(30), runs: 2, from: old1, to: new Date(old2.getTime() + 60_000) });

    const refused = await setRetention(ctxOf(owner, "account.set_retention"), { accountId: lab.accountId, retentionDays: 30, confirm: false }).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toBe("Keeping 30 days removes 2 runs of lab. Export them if you need them, then confirm the removal.");
    expect((refused as AppError).fieldErrors).toEqual({ confirm: "Tick this to confirm that these runs will be removed." });
    expect((await db().cloudAccount.findUniqueOrThrow({ where: { id: lab.accountId } })).retentionDays).toBeNull();

    const saved = await setRetention(ctxOf(owner, "account.set_retention"), { accountId: lab.accountId, retentionDays: 30, confirm: true });
    expect(saved.data).toEqual({ retentionDays: 30, runsToRemove: 2 });
    expect(saved.message).toBe("lab keeps 30 days of runs. The 2 older runs are removed in the background shortly; the audit log records the purge.");
    // Lengthening it or keeping everything removes nothing, so it needs no confirmation.
    expect((await setRetention(ctxOf(owner, "account.set_retention"), { accountId: lab.accountId, retentionDays: 60, confirm: false })).message).toBe(
      "lab keeps 60 days of runs; none is old enough to be removed yet.",
    );
    expect((await setRetention(ctxOf(owner, "account.set_retention"), { accountId: lab.accountId, retentionDays: null, confirm: false })).message).toBe("lab keeps its whole run history.");
    const events = await db().auditEvent.findMany({ where: { action: "account.set_retention" }, orderBy: { at: "asc" }, select: { actorEmail: true, target: true, detail: true } });
    expect(events).toEqual([
      { actorEmail: "owner@lab.test", target: "lab", detail: { retentionDaysBefore: null, retentionDays: 30, runsToRemove: 2 } },
      { actorEmail: "owner@lab.test", target: "lab", detail: { retentionDaysBefore: 30, retentionDays: 60, runsToRemove: 0 } },
      { actorEmail: "owner@lab.test", target: "lab", detail: { retentionDaysBefore: 60, retentionDays: null, runsToRemove: 0 } },
    ]);
  });

  it("previews only for owners", async () => {
    const admin = await memberActor("admin@lab.test", "admin");
    const lab = await db().cloudAccount.findFirstOrThrow({ where: { name: "lab" } });
    await expect(retentionPreview(admin, new URLSearchParams({ account: lab.id, days: "30" }))).rejects.toThrow("Forbidden: your role (admin) does not allow this.");
  });
});
