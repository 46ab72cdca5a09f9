import { CenteredCard } from "@/components/centered-card";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { currentActor } from "@/lib/auth/session";
import { memberManagers } from "@/lib/queries/members";
import { loadDeniedParams } from "./search-params";

export const metadata = { title: "Not a member yet" };

export default async function DeniedPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { email, reason } = loadDeniedParams(await searchParams);
  // Owners and admins are named only to a signed-in member: anyone can open this page with any email.
  const actor = await currentActor();
  const managers = actor ? await memberManagers(actor) : null;
  return (
    <CenteredCard>
      <h1>You&apos;re not a member yet</h1>
      {reason === "unverified_email" ? (
        <p>Google has not verified {email ? <strong>{email}</strong> : "this address"}, so Batchdeck can&apos;t be sure it&apos;s yours. Verify it with Google, then sign in again.</p>
      ) : (
        <p>
          {email ? <strong>{email}</strong> : "This Google account"} has no invitation to this Batchdeck. Ask an owner or admin to invite
          this exact address; they will send you a link.
        </p>
      )}
      {managers === null ? (
        <p className="muted">Ask the person who invited you, or who runs Batchdeck for your lab, to invite this exact address.</p>
      ) : managers.length ? (
        <div>
          <p className="muted" style={{ marginBottom: 6 }}>People who can invite you:</p>
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {managers.map((m) => (
              <li key={m.email}>
                <a href={`mailto:${m.email}?subject=${encodeURIComponent("Batchdeck invitation")}`}>{m.name ? `${m.name} <${m.email}>` : m.email}</a>{" "}
                <span className="muted">({ROLE_LABELS[m.role]})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="muted">Nobody has signed in as owner yet: the person who installed Batchdeck sets OWNER_EMAILS.</p>
      )}
      <a className="button secondary" href="/signin" style={{ textAlign: "center" }}>Use another Google account</a>
    </CenteredCard>
  );
}
