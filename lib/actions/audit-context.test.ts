import { describe, expect, it } from "vitest";
import { useDemoEnv, useTestDatabase } from "@/test/support/database";

useDemoEnv();
await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { auditingContext } = await import("./audit-context");
const { inviteMember } = await import("@/lib/services/members/invite");

const owner = { id: "owner-1", email: "owner@lab.test", role: "owner" as const };

describe("a service's audit record is part of its change", () => {
  it("commits with the change: one ok row naming the actor, the action and the target", async () => {
    await db().user.create({ data: { id: owner.id, email: owner.email, role: "owner" } });
    const { ctx, recorded } = auditingContext(owner, "member.invite");
    const { data } = await inviteMember(ctx, { email: "new@lab.test", role: "viewer" });
    expect(recorded()).toBe(true);
    const rows = await db().auditEvent.findMany({ where: { action: "member.invite" }, select: { actorId: true, actorEmail: true, result: true, targetType: true, targetId: true, target: true } });
    expect(rows).toEqual([{ actorId: owner.id, actorEmail: owner.email, result: "ok", targetType: "invitation", targetId: data.invitationId, target: "new@lab.test" }]);
  });

  it("rolls back with the change: a transaction that fails after recording leaves no ok row", async () => {
    const { ctx, recorded } = auditingContext(owner, "member.remove");
    await expect(
      db().$transaction(async (tx) => {
        await ctx.audit(tx, { targetType: "user", targetId: "someone", target: "someone@lab.test" });
        throw new Error("the change failed after its record was written");
      }),
    ).rejects.toThrow("the change failed");
    expect(recorded()).toBe(true);
    expect(await db().auditEvent.count({ where: { action: "member.remove" } })).toBe(0);
  });
});
