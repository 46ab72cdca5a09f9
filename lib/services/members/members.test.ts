import { beforeEach, describe, expect, it } from "vitest";
import { ctxOf } from "@/test/support/service-context";
import { useDemoEnv, useTestDatabase } from "@/test/support/database";
import type { Role } from "@/lib/db/generated/enums";
import type { Actor } from "@/lib/services/context";
import { AppError } from "@/lib/errors";

useDemoEnv({ INVITATION_TTL_DAYS: "3" });
await useTestDatabase();

const { db } = await import("@/lib/db/client");
const { inviteMember } = await import("./invite");
const { revokeInvitation } = await import("./revoke-invitation");
const { changeRole } = await import("./change-role");
const { removeMember } = await import("./remove");
const { inviteInput } = await import("./schemas");
const { decideAdmission } = await import("@/lib/auth/admission");
const { batchdeckAdapter } = await import("@/lib/auth/adapter");

async function member(email: string, role: Role): Promise<Actor> {
  const user = await db().user.create({ data: { email, role } });
  return { id: user.id, email, role };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

let owner: Actor;
let admin: Actor;

beforeEach(async () => {
  await db().invitation.deleteMany();
  await db().user.deleteMany();
  await db().removedMember.deleteMany();
  owner = await member("owner@lab.test", "owner");
  admin = await member("admin@lab.test", "admin");
});

describe("invitations", () => {
  it("creates a link that expires after INVITATION_TTL_DAYS", async () => {
    const before = Date.now();
    const { data } = await inviteMember(ctxOf(admin), { email: "new@lab.test", role: "viewer" });
    expect(data.link).toMatch(/^http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{32}$/);
    const row = await db().invitation.findUniqueOrThrow({ where: { id: data.invitationId } });
    expect(row.expiresAt.getTime() - before).toBeGreaterThanOrEqual(3 * 24 * 3600 * 1000 - 1000);
    expect(row.expiresAt.getTime() - before).toBeLessThan(3 * 24 * 3600 * 1000 + 5000);
  });

  it("refuses a second pending invitation and an existing member, changing nothing", async () => {
    await inviteMember(ctxOf(owner), { email: "dup@lab.test", role: "viewer" });
    const dup = await refusal(inviteMember(ctxOf(owner), { email: "dup@lab.test", role: "operator" }));
    expect(dup.code).toBe("conflict");
    expect(dup.fieldErrors.email).toBe("Already invited.");
    const existing = await refusal(inviteMember(ctxOf(owner), { email: "admin@lab.test", role: "viewer" }));
    expect(existing.message).toContain("already a member");
    expect(await db().invitation.count()).toBe(1);
  });

  it("lets an expired invitation be replaced by a new one, but not revoked", async () => {
    const { data } = await inviteMember(ctxOf(owner), { email: "late@lab.test", role: "viewer" });
    await db().invitation.update({ where: { id: data.invitationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const error = await refusal(revokeInvitation(ctxOf(owner), { invitationId: data.invitationId }));
    expect(error.message).toContain("already expired");
    await inviteMember(ctxOf(owner), { email: "late@lab.test", role: "viewer" });
    expect(await db().invitation.count({ where: { email: "late@lab.test" } })).toBe(2);
  });

  it("keeps admins from inviting owners", async () => {
    const error = await refusal(inviteMember(ctxOf(admin), { email: "boss@lab.test", role: "owner" }));
    expect(error.code).toBe("forbidden");
    expect(await db().invitation.count()).toBe(0);
  });

  it("validates input at the edge: malformed email and unknown role", () => {
    const bad = inviteInput.safeParse({ email: "not-an-email", role: "superuser" });
    expect(bad.success).toBe(false);
    const fields = Object.fromEntries(bad.error!.issues.map((i) => [i.path[0], i.message]));
    expect(fields.email).toContain("not a valid email");
    expect(fields.role).toContain("Choose one of");
    expect(inviteInput.parse({ email: "  Ada@Lab.Test ", role: "viewer" }).email).toBe("ada@lab.test");
  });

  it("revokes a pending invitation", async () => {
    const { data } = await inviteMember(ctxOf(owner), { email: "gone@lab.test", role: "viewer" });
    await revokeInvitation(ctxOf(admin), { invitationId: data.invitationId });
    expect((await db().invitation.findUniqueOrThrow({ where: { id: data.invitationId } })).revokedAt).not.toBeNull();
  });
});

describe("roles and removal", () => {
  it("never leaves the installation without an owner", async () => {
    const demote = await refusal(changeRole(ctxOf(owner), { userId: owner.id, role: "admin" }));
    expect(demote.code).toBe("rule");
    expect(demote.message).toContain("last owner");
    const remove = await refusal(removeMember(ctxOf(owner), { userId: owner.id }));
    expect(remove.code).toBe("rule");
    expect((await db().user.findUniqueOrThrow({ where: { id: owner.id } })).role).toBe("owner");
  });

  it("lets an owner step down once there is another owner", async () => {
    const second = await member("second@lab.test", "viewer");
    await changeRole(ctxOf(owner), { userId: second.id, role: "owner" });
    await changeRole(ctxOf(owner), { userId: owner.id, role: "admin" });
    expect((await db().user.findUniqueOrThrow({ where: { id: owner.id } })).role).toBe("admin");
  });

  it("keeps admins away from owners", async () => {
    expect((await refusal(changeRole(ctxOf(admin), { userId: owner.id, role: "viewer" }))).code).toBe("forbidden");
    expect((await refusal(removeMember(ctxOf(admin), { userId: owner.id }))).code).toBe("forbidden");
    const viewer = await member("v@lab.test", "viewer");
    expect((await refusal(changeRole(ctxOf(admin), { userId: viewer.id, role: "owner" }))).code).toBe("forbidden");
  });

  it("ends a removed member's sessions with the member", async () => {
    const viewer = await member("leaving@lab.test", "viewer");
    await db().session.create({ data: { sessionToken: "t1", userId: viewer.id, expires: new Date(Date.now() + 3600e3) } });
    const outcome = await removeMember(ctxOf(admin), { userId: viewer.id });
    expect(outcome.message).toBe("leaving@lab.test was removed and signed out of 1 session(s).");
    expect(await db().session.count({ where: { sessionToken: "t1" } })).toBe(0);
  });

  it("serialises concurrent demotions so one owner always remains", async () => {
    const second = await member("second@lab.test", "owner");
    const results = await Promise.allSettled([
      changeRole(ctxOf(owner), { userId: owner.id, role: "viewer" }),
      changeRole(ctxOf(second), { userId: second.id, role: "viewer" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().user.count({ where: { role: "owner" } })).toBe(1);
  });
});

describe("concurrent role changes, on row locks", () => {
  it("an admin's demotion racing an owner's promotion never leaves an owner demoted by an admin", async () => {
    for (let i = 0; i < 6; i++) {
      const target = await member(`race${i}@lab.test`, "operator");
      const [demote, promote] = await Promise.allSettled([
        changeRole(ctxOf(admin), { userId: target.id, role: "viewer" }),
        changeRole(ctxOf(owner), { userId: target.id, role: "owner" }),
      ]);
      expect(promote.status).toBe("fulfilled");
      // Either the admin went first (then the owner promoted a viewer) or the admin met an owner and was refused.
      if (demote.status === "rejected") expect((demote.reason as AppError).code).toBe("forbidden");
      expect((await db().user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("owner");
    }
  });

  it("two owners demoting each other at once: one wins, and the other, no longer an owner, is refused", async () => {
    for (let i = 0; i < 4; i++) {
      const a = await member(`a${i}@lab.test`, "owner");
      const b = await member(`b${i}@lab.test`, "owner");
      await db().user.update({ where: { id: owner.id }, data: { role: "admin" } });
      const results = await Promise.allSettled([
        changeRole(ctxOf(a), { userId: b.id, role: "admin" }),
        changeRole(ctxOf(b), { userId: a.id, role: "admin" }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      const refused = results.find((r) => r.status === "rejected")!.reason as AppError;
      expect(refused.code).toBe("forbidden");
      expect(refused.message).toBe("Forbidden: only an owner can change an owner's role.");
      expect(await db().user.count({ where: { role: "owner", id: { in: [a.id, b.id] } } })).toBe(1);
      await db().user.deleteMany({ where: { id: { in: [a.id, b.id] } } });
      await db().user.update({ where: { id: owner.id }, data: { role: "owner" } });
    }
  });

  it("a removal racing a promotion: the member is either removed or promoted, never both half-done", async () => {
    for (let i = 0; i < 6; i++) {
      const target = await member(`gone${i}@lab.test`, "viewer");
      const [removal, promotion] = await Promise.allSettled([
        removeMember(ctxOf(admin), { userId: target.id }),
        changeRole(ctxOf(owner), { userId: target.id, role: "owner" }),
      ]);
      const row = await db().user.findUnique({ where: { id: target.id } });
      if (removal.status === "fulfilled") {
        expect(row).toBeNull();
        expect(promotion.status === "rejected" && (promotion.reason as AppError).code).toBe("not_found");
      } else {
        expect((removal.reason as AppError).code).toBe("forbidden");
        expect(row?.role).toBe("owner");
      }
    }
  });
});

describe("removal sticks", () => {
  const policy = { ownerEmails: ["owner@lab.test", "second@lab.test"], allowedDomains: ["lab.test"] };
  const adapter = batchdeckAdapter(policy);
  const signUp = (email: string) => adapter.createUser!({ email, emailVerified: null, verified: true } as Parameters<NonNullable<typeof adapter.createUser>>[0]);

  it("a removed member of an allowed domain stays out until invited again; accepting the invitation admits", async () => {
    const student = await signUp("student@lab.test");
    expect(student).toMatchObject({ email: "student@lab.test", role: "viewer" });
    const stale = await db().invitation.create({ data: { email: "student@lab.test", role: "admin", token: "s".repeat(32), expiresAt: new Date(Date.now() + 3600e3) } });
    await removeMember(ctxOf(admin), { userId: student.id });

    const removal = await db().removedMember.findUniqueOrThrow({ where: { email: "student@lab.test" } });
    expect(removal.removedById).toBe(admin.id);
    expect((await db().invitation.findUniqueOrThrow({ where: { id: stale.id } })).revokedAt).toEqual(removal.removedAt);
    expect(await decideAdmission("student@lab.test", true, policy)).toEqual({ admitted: false, reason: "removed" });
    await expect(signUp("student@lab.test")).rejects.toThrow("Sign-in refused for student@lab.test: removed");
    expect(await db().user.count({ where: { email: "student@lab.test" } })).toBe(0);

    const { data } = await inviteMember(ctxOf(admin), { email: "student@lab.test", role: "operator" });
    expect(await db().removedMember.count({ where: { email: "student@lab.test" } })).toBe(0);
    const back = await signUp("student@lab.test");
    expect(back).toMatchObject({ email: "student@lab.test", role: "operator" });
    expect((await db().invitation.findUniqueOrThrow({ where: { id: data.invitationId } })).acceptedById).toBe(back.id);
  });

  it("a removed owner named in OWNER_EMAILS stays out", async () => {
    const second = await member("second@lab.test", "owner");
    await removeMember(ctxOf(owner), { userId: second.id });
    expect(await decideAdmission("second@lab.test", true, policy)).toEqual({ admitted: false, reason: "removed" });
    await expect(signUp("second@lab.test")).rejects.toThrow("Sign-in refused for second@lab.test: removed");
    // Removing it from the removed list is what an invitation does; OWNER_EMAILS alone no longer makes owners.
    await db().removedMember.deleteMany();
    expect(await decideAdmission("second@lab.test", true, { ...policy, allowedDomains: [] })).toEqual({ admitted: false, reason: "not_invited" });
  });
});
