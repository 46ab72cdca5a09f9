import Link from "next/link";
import type { UsageWarning } from "@/lib/queries/usage-holders";

const count = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
const usd = (micros: number) => `$${(micros / 1_000_000).toFixed(2)}`;

/** One usage warning, worded the same on the usage page, the overview and a job's page. */
export function UsageWarningNotice({ warning: w, link = true }: { warning: UsageWarning; link?: boolean }) {
  const figure = w.limit === "budget" ? usd : count.format;
  const what = w.limit === "budget" ? `the monthly budget of ${figure(w.line)}` : `the free grant of ${figure(w.line)} ${w.quantity}`;
  return (
    <div className="notice warn" data-testid="usage-warning" role="status">
      <span className="badge">{w.already ? "over" : "forecast over"}</span> <strong>{w.holderName}</strong>:{" "}
      {w.already ? <>has used up {what} this month</> : <>at the recent pace, {w.quantity === "cost" ? "the cost reaches" : `${w.quantity} reach`} {figure(w.forecast)} by the month&apos;s end, over {what}</>}.
      {link ? <> <Link href="/usage">Usage</Link></> : null}
    </div>
  );
}

/** Said where the warnings are when no alert channel would carry budget alerts to anyone. */
export function NoAlertChannelNotice() {
  return (
    <div className="notice warn" data-testid="no-alert-channel">
      No alert channel is configured, so budget alerts reach nobody: these warnings are only on this page. <Link href="/alerts">Add a channel</Link>.
    </div>
  );
}
