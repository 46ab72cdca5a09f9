import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";
import type { Actor } from "@/lib/services/context";

// Every read takes the member and checks the permission itself, so a page that forgot its own check
// still reads nothing it should not.

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { membersList, openInvitations, memberManagers } = await import("./members");
const { jobsTable, DEFAULT_JOBS_QUERY } = await import("./jobs-table");

const viewer: Actor = { id: "viewer-1", email: "viewer@lab.test", role: "viewer" };
const admin: Actor = { id: "admin-1", email: "admin@lab.test", role: "admin" };

beforeAll(async () => {
  await db().user.create({ data: { id: admin.id, email: admin.email, role: "admin" } });
  await db().invitation.create({ data: { email: "new@lab.test", role: "viewer", token: "tok-aaaaaaaaaaaaaaaaaaaaaaaa", expiresAt: new Date(Date.now() + 3600e3) } });
});

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, code: (error as { code?: string }).code, message: (error as Error).message };
  }
  throw new Error("expected a refusal");
}

describe("the data-access layer", () => {
  it("refuses a viewer what needs members:manage, and gives it to an admin", async () => {
    expect(await refusal(openInvitations(viewer))).toEqual({ name: "AppError", code: "forbidden", message: "Forbidden: your role (viewer) does not allow this." });
    expect((await openInvitations(admin)).map((i) => i.email)).toEqual(["new@lab.test"]);
  });

  it("lets every member read the catalog and the member list", async () => {
    expect(await jobsTable(viewer, DEFAULT_JOBS_QUERY)).toEqual({ jobs: [], total: 0, page: 1, size: 50 });
    expect((await membersList(viewer)).map((m) => m.email)).toEqual([admin.email]);
    expect(await memberManagers(viewer)).toEqual([{ email: admin.email, name: null, role: "admin" }]);
  });

  it("refuses a caller without a member, even one that slipped past the types", async () => {
    const nobody = null as unknown as Actor;
    expect(await refusal(membersList(nobody))).toEqual({ name: "AppError", code: "unauthenticated", message: "Sign in to continue." });
  });
});
