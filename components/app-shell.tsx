import Link from "next/link";
import { cookies } from "next/headers";
import { ROLE_LABELS } from "@/lib/auth/roles";
import type { Actor } from "@/lib/services/context";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";
import { ThemeToggle } from "./theme-toggle";

export function DemoBanner() {
  return (
    <div className="demo-banner" role="note">
      Demo mode: sign-in is a local stand-in for Google and the clouds are simulated on this machine. Nothing here touches a real account.
    </div>
  );
}

export async function AppShell({ actor, demo, children }: { actor: Actor; demo: boolean; children: React.ReactNode }) {
  const stored = (await cookies()).get("theme")?.value;
  const theme = stored === "light" || stored === "dark" ? stored : "system";
  const who = (
    <div className="who">
      <div className="muted">Signed in as</div>
      <strong data-testid="signed-in-as">{actor.email}</strong> <span className={`badge role-${actor.role}`}>{ROLE_LABELS[actor.role]}</span>
    </div>
  );
  const accountBox = (
    <div className="account-box">
      {who}
      <ThemeToggle initial={theme} />
      <SignOutButton />
    </div>
  );
  const brand = (
    <Link href="/jobs" className="brand">
      <span className="brand-mark" aria-hidden="true">B</span> Batchdeck
    </Link>
  );
  return (
    <>
      {demo ? <DemoBanner /> : null}
      <div className="shell">
        <aside className="sidebar">
          {brand}
          <NavLinks />
          {accountBox}
        </aside>
        <div style={{ minWidth: 0 }}>
          <div className="mobile-bar">
            {brand}
            <details>
              <summary aria-label="Menu">Menu</summary>
              <div className="mobile-menu">
                <NavLinks />
                {accountBox}
              </div>
            </details>
          </div>
          <main className="main">{children}</main>
        </div>
      </div>
    </>
  );
}
