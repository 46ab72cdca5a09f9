import { beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { decideAdmission } = await import("./admission");

const policy = { ownerEmails: ["boss@lab.test"], allowedDomains: ["lab.test"] };
const day = 24 * 3600 * 1000;

beforeEach(async () => {
  await db().invitation.deleteMany();
  await db().user.deleteMany();
  await db().removedMember.deleteMany();
});

describe("who may sign in", () => {
  it("admits members with their stored role, case-insensitively", async () => {
    await db().user.create({ data: { email: "op@elsewhere.org", role: "operator" } });
    expect(await decideAdmission("Op@Elsewhere.org", true, policy)).toEqual({ admitted: true, via: "member", role: "operator" });
  });

  it("bootstraps OWNER_EMAILS as owners only while there is no owner", async () => {
    expect(await decideAdmission("boss@lab.test", true, policy)).toEqual({ admitted: true, via: "owner_bootstrap", role: "owner" });
    await db().user.create({ data: { email: "other@elsewhere.org", role: "owner" } });
    // Still in the domain, so still a viewer; the environment no longer makes owners.
    expect(await decideAdmission("boss@lab.test", true, policy)).toEqual({ admitted: true, via: "domain", role: "viewer" });
    expect(await decideAdmission("boss@lab.test", true, { ...policy, allowedDomains: [] })).toEqual({ admitted: false, reason: "not_invited" });
  });

  it("refuses a removed email that its domain or OWNER_EMAILS would admit, and even its invitation from before the removal", async () => {
    const before = await db().invitation.create({ data: { email: "boss@lab.test", role: "viewer", token: "b".repeat(32), expiresAt: new Date(Date.now() + day) } });
    await db().removedMember.create({ data: { email: "boss@lab.test" } });
    await db().removedMember.create({ data: { email: "student@lab.test" } });
    expect(await decideAdmission("Boss@Lab.test", true, policy)).toEqual({ admitted: false, reason: "removed" });
    expect(await decideAdmission("student@lab.test", true, policy)).toEqual({ admitted: false, reason: "removed" });
    // Inviting again clears the removal (services/members/invite.ts); then the invitation admits.
    await db().removedMember.delete({ where: { email: "boss@lab.test" } });
    expect(await decideAdmission("boss@lab.test", true, policy)).toEqual({ admitted: true, via: "invitation", role: "viewer", invitationId: before.id });
  });

  it("admits a live invitation with its role, but not an expired or revoked one", async () => {
    const live = await db().invitation.create({ data: { email: "in@other.org", role: "admin", token: "a".repeat(32), expiresAt: new Date(Date.now() + day) } });
    expect(await decideAdmission("in@other.org", true, policy)).toEqual({ admitted: true, via: "invitation", role: "admin", invitationId: live.id });
    await db().invitation.update({ where: { id: live.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await decideAdmission("in@other.org", true, policy)).toEqual({ admitted: false, reason: "not_invited" });
    await db().invitation.update({ where: { id: live.id }, data: { expiresAt: new Date(Date.now() + day), revokedAt: new Date() } });
    expect(await decideAdmission("in@other.org", true, policy)).toEqual({ admitted: false, reason: "not_invited" });
  });

  it("admits verified addresses of allowed domains as viewers only", async () => {
    expect(await decideAdmission("student@lab.test", true, policy)).toEqual({ admitted: true, via: "domain", role: "viewer" });
    expect(await decideAdmission("student@lab.test", false, policy)).toEqual({ admitted: false, reason: "unverified_email" });
    expect(await decideAdmission("student@sub.lab.test.evil.org", true, policy)).toEqual({ admitted: false, reason: "not_invited" });
  });

  it("refuses everyone else", async () => {
    expect(await decideAdmission("stranger@gmail.com", true, policy)).toEqual({ admitted: false, reason: "not_invited" });
  });
});
