import type { Adapter, AdapterAccount, AdapterSession, AdapterUser } from "next-auth/adapters";
import type { Role } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { decideAdmission, normaliseEmail, type AdmissionPolicy } from "./admission";
import { hashSessionToken } from "./session-token";

// next-auth's own Prisma adapters are typed against the old @prisma/client export and don't fit the
// Prisma 7 `prisma-client` generator (nextauthjs/next-auth#12950), so this is the dozen methods a
// Google sign-in with database sessions uses, on our tables.

export type BatchdeckUser = AdapterUser & { role: Role };

type UserRow = { id: string; email: string; emailVerified: Date | null; name: string | null; image: string | null; role: Role };
const toAdapterUser = (u: UserRow): BatchdeckUser => ({ ...u });
const userColumns = { id: true, email: true, emailVerified: true, name: true, image: true, role: true } as const;

export function batchdeckAdapter(policy: AdmissionPolicy): Adapter {
  return {
    async createUser(profile: Omit<AdapterUser, "id">) {
      // Admission was checked in the signIn callback; it is decided again here, inside the transaction
      // that creates the member, so a revoked or expired invitation can't slip through in between.
      return db().$transaction(async (tx) => {
        const email = normaliseEmail(profile.email);
        const verified = (profile as { verified?: boolean }).verified === true;
        const admission = await decideAdmission(email, verified, policy, tx);
        if (!admission.admitted) throw new Error(`Sign-in refused for ${email}: ${admission.reason}`);
        const user = await tx.user.create({
          data: { email, name: profile.name ?? null, image: profile.image ?? null, emailVerified: verified ? new Date() : null, role: admission.role },
          select: userColumns,
        });
        if (admission.via === "invitation") {
          await tx.invitation.update({ where: { id: admission.invitationId }, data: { acceptedAt: new Date(), acceptedById: user.id } });
        }
        await recordAudit(tx, {
          actor: { id: user.id, email },
          action: "member.join",
          result: "ok",
          targetType: "user",
          targetId: user.id,
          target: email,
          detail: { role: admission.role, via: admission.via },
        });
        return toAdapterUser(user);
      });
    },
    async getUser(id) {
      const user = await db().user.findUnique({ where: { id }, select: userColumns });
      return user && toAdapterUser(user);
    },
    async getUserByEmail(email) {
      const user = await db().user.findUnique({ where: { email: normaliseEmail(email) }, select: userColumns });
      return user && toAdapterUser(user);
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const account = await db().authAccount.findUnique({
        where: { provider_providerAccountId: { provider, providerAccountId } },
        select: { user: { select: userColumns } },
      });
      return account && toAdapterUser(account.user);
    },
    async updateUser({ id, name, image, emailVerified }) {
      const user = await db().user.update({ where: { id }, data: { name, image, emailVerified }, select: userColumns });
      return toAdapterUser(user);
    },
    async linkAccount(account: AdapterAccount) {
      await db().authAccount.create({
        data: {
          userId: account.userId,
          type: account.type,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          refresh_token: account.refresh_token,
          access_token: account.access_token,
          expires_at: account.expires_at,
          token_type: account.token_type,
          scope: account.scope,
          id_token: account.id_token,
          session_state: account.session_state,
        },
      });
    },
    // The cookie holds the token; the table holds only its hash (session-token.ts). next-auth hands every
    // method the cookie's token and sets the cookie from what createSession returns, so each hashes here.
    async createSession({ sessionToken, userId, expires }) {
      const row = await db().session.create({ data: { sessionToken: hashSessionToken(sessionToken), userId, expires } });
      return { sessionToken, userId: row.userId, expires: row.expires } satisfies AdapterSession;
    },
    async getSessionAndUser(sessionToken) {
      // Runs on every request: the role comes from here, so a role change or removal applies at once.
      const row = await db().session.findUnique({ where: { sessionToken: hashSessionToken(sessionToken) }, include: { user: { select: userColumns } } });
      if (!row) return null;
      return { session: { sessionToken, userId: row.userId, expires: row.expires }, user: toAdapterUser(row.user) };
    },
    async updateSession({ sessionToken, expires }) {
      const [row] = await db().session.updateManyAndReturn({ where: { sessionToken: hashSessionToken(sessionToken) }, data: { expires } });
      return row ? { sessionToken, userId: row.userId, expires: row.expires } : null;
    },
    async deleteSession(sessionToken) {
      await db().session.deleteMany({ where: { sessionToken: hashSessionToken(sessionToken) } });
    },
  };
}
