import Link from "next/link";
import type { AccountHealth } from "@/lib/catalog/account-health";

/** The banner of an account whose cloud is in trouble (down, throttling, credentials refused), on every screen that shows its jobs. */
export function AccountHealthNotice({ name, health }: { name: string; health: AccountHealth }) {
  return (
    <div className={`notice ${health.level === "error" ? "error" : "warn"}`} role="alert" data-testid="account-health">
      <strong>{name}</strong>: {health.title}.{health.advice ? <> {health.advice}</> : null} <Link href="/accounts">Accounts</Link>
    </div>
  );
}
