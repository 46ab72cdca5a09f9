import { beforeEach, describe, expect, it } from "vitest";
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
  owner = await member("owner@lab.test", "owner");
  admin = await member("admin@lab.test", "admin");
});

describe("invitations", () => {
  it("creates a link that expires after INVITATION_TTL_DAYS", async () => {
    const before = Date.now();
    const { data } = await inviteMember({ actor: admin }, { email: "new@lab.test", role: "viewer" });
    expect(data.link).toMatch(/^http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{32}$/);
    const row = await db().invitation.findUniqueOrThrow({ where: { id: data.invitationId } });
    expect(row.expiresAt.getTime() - before).toBeGreaterThanOrEqual(3 * 24 * 3600 * 1000 - 1000);
    expect(row.expiresAt.getTime() - before).toBeLessThan(3 * 24 * 3600 * 1000 + 5000);
  });

  it("refuses a second pending invitation and an existing member, changing nothing", async () => {
    await inviteMember({ actor: owner }, { email: "dup@lab.test", role: "viewer" });
    const dup = await refusal(inviteMember({ actor: owner }, { email: "dup@lab.test", role: "operator" }));
    expect(dup.code).toBe("conflict");
    expect(dup.fieldErrors.email).toBe("Already invited.");
    const existing = await refusal(inviteMember({ actor: owner }, { email: "admin@lab.test", role: "viewer" }));
    expect(existing.message).toContain("already a member");
    expect(await db().invitation.count()).toBe(1);
  });

  it("lets an expired invitation be replaced by a new one, but not revoked", async () => {
    const { data } = await inviteMember({ actor: owner }, { email: "late@lab.test", role: "viewer" });
    await db().invitation.update({ where: { id: data.invitationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const error = await refusal(revokeInvitation({ actor: owner }, { invitationId: data.invitationId }));
    expect(error.message).toContain("already expired");
    await inviteMember({ actor: owner }, { email: "late@lab.test", role: "viewer" });
    expect(await db().invitation.count({ where: { email: "late@lab.test" } })).toBe(2);
  });

  it("keeps admins from inviting owners", async () => {
    const error = await refusal(inviteMember({ actor: admin }, { email: "boss@lab.test", role: "owner" }));
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
    const { data } = await inviteMember({ actor: owner }, { email: "gone@lab.test", role: "viewer" });
    await revokeInvitation({ actor: admin }, { invitationId: data.invitationId });
    expect((await db().invitation.findUniqueOrThrow({ where: { id: data.invitationId } })).revokedAt).not.toBeNull();
  });
});

describe("roles and removal", () => {
  it("never leaves the installation without an owner", async () => {
    const demote = await refusal(changeRole({ actor: owner }, { userId: owner.id, role: "admin" }));
    expect(demote.code).toBe("rule");
    expect(demote.message).toContain("last owner");
    const remove = await refusal(removeMember({ actor: owner }, { userId: owner.id }));
    expect(remove.code).toBe("rule");
    expect((await db().user.findUniqueOrThrow({ where: { id: owner.id } })).role).toBe("owner");
  });

  it("lets an owner step down once there is another owner", async () => {
    const second = await member("second@lab.test", "viewer");
    await changeRole({ actor: owner }, { userId: second.id, role: "owner" });
    await changeRole({ actor: owner }, { userId: owner.id, role: "admin" });
    expect((await db().user.findUniqueOrThrow({ where: { id: owner.id } })).role).toBe("admin");
  });

  it("keeps admins away from owners", async () => {
    expect((await refusal(changeRole({ actor: admin }, { userId: owner.id, role: "viewer" }))).code).toBe("forbidden");
    expect((await refusal(removeMember({ actor: admin }, { userId: owner.id }))).code).toBe("forbidden");
    const viewer = await member("v@lab.test", "viewer");
    expect((await refusal(changeRole({ actor: admin }, { userId: viewer.id, role: "owner" }))).code).toBe("forbidden");
  });

  it("ends a removed member's sessions with the member", async () => {
    const viewer = await member("leaving@lab.test", "viewer");
    await db().session.create({ data: { sessionToken: "t1", userId: viewer.id, expires: new Date(Date.now() + 3600e3) } });
    const outcome = await removeMember({ actor: admin }, { userId: viewer.id });
    expect(outcome.message).toContain("1 session");
    expect(await db().session.count({ where: { sessionToken: "t1" } })).toBe(0);
  });

  it("serialises concurrent demotions so one owner always remains", async () => {
    const second = await member("second@lab.test", "owner");
    const results = await Promise.allSettled([
      changeRole({ actor: owner }, { userId: owner.id, role: "viewer" }),
      changeRole({ actor: second }, { userId: second.id, role: "viewer" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().user.count({ where: { role: "owner" } })).toBe(1);
  });
});
