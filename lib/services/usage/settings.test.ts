import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";
import { ctxOf, memberActor } from "@/test/support/service-context";
import { AppError } from "@/lib/errors";
import { can, ROLES } from "@/lib/auth/roles";

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { setBudget, setBudgetInput, setRate, setRateInput } = await import("./settings");

const budgetError = (amount: string) => setBudgetInput.safeParse({ holderKey: "account:x", amount }).error?.issues[0]?.message;

describe("budgets and currency rates", () => {
  it("are an owner's to set", () => {
    expect(ROLES.filter((r) => can(r, "usage:budgets"))).toEqual(["owner"]);
  });

  it("read amounts and rates exactly, with messages that say what to write", () => {
    expect(budgetError("25,50")).toBe("Write the budget in US dollars, e.g. 25 or 25.50, or leave it blank to remove it.");
    expect(budgetError("-5")).toBe("Write the budget in US dollars, e.g. 25 or 25.50, or leave it blank to remove it.");
    expect(setBudgetInput.safeParse({ holderKey: "someone", amount: "5" }).error?.issues[0]?.message).toBe("Pick an account or billing group from the list.");
    expect(setRateInput.safeParse({ currency: "GBP", rate: "1" }).error?.issues[0]?.message).toBe("Pick JPY or EUR: amounts are kept in USD.");
    expect(setRateInput.safeParse({ currency: "JPY", rate: "0" }).error?.issues[0]?.message).toBe(
      "Write how many units of the currency one US dollar buys, e.g. 155.25 (at most six decimals).",
    );
  });

  it("set a billing group's budget in micro-dollars, change and remove it, each audited", async () => {
    const owner = await memberActor("owner@lab.test", "owner");
    await db().cloudAccount.create({ data: { cloud: "gcp", name: "project-a", settings: {}, billingGroup: "lab" } });
    const set = await setBudget(ctxOf(owner, "usage.budget.set"), setBudgetInput.parse({ holderKey: "group:lab", amount: "25.5" }));
    expect([set.data, set.message]).toEqual([{ monthlyMicros: "25500000" }, "The monthly budget of billing group lab is $25.50."]);
    expect(await db().usageBudget.findUniqueOrThrow({ where: { holderKey: "group:lab" }, select: { monthlyMicros: true, setBy: true } })).toEqual({ monthlyMicros: 25_500_000n, setBy: "owner@lab.test" });
    await setBudget(ctxOf(owner, "usage.budget.set"), { holderKey: "group:lab", amount: "30" });
    const removed = await setBudget(ctxOf(owner, "usage.budget.set"), { holderKey: "group:lab", amount: "" });
    expect(removed.message).toBe("The budget of billing group lab is removed.");
    expect(await db().usageBudget.count()).toBe(0);
    const audit = await db().auditEvent.findMany({ where: { action: "usage.budget.set" }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { targetId: true, detail: true } });
    expect(audit).toEqual([
      { targetId: "group:lab", detail: { monthlyMicrosBefore: null, monthlyMicros: "25500000" } },
      { targetId: "group:lab", detail: { monthlyMicrosBefore: "25500000", monthlyMicros: "30000000" } },
      { targetId: "group:lab", detail: { monthlyMicrosBefore: "30000000", monthlyMicros: null } },
    ]);
    await expect(setBudget(ctxOf(owner), { holderKey: "group:gone", amount: "1" })).rejects.toBeInstanceOf(AppError);
  });

  it("set a currency's rate in millionths, with who set it", async () => {
    const owner = await memberActor("owner2@lab.test", "owner");
    const saved = await setRate(ctxOf(owner, "usage.rate.set"), setRateInput.parse({ currency: "JPY", rate: "155.25" }));
    expect(saved.message).toBe("Amounts in JPY are shown at 155.25 per US dollar from now on.");
    expect(await db().currencyRate.findUniqueOrThrow({ where: { currency: "JPY" }, select: { perUsdMillionths: true, setBy: true } })).toEqual({ perUsdMillionths: 155_250_000n, setBy: "owner2@lab.test" });
  });
});
