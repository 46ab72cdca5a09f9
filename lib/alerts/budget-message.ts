import type { AlertFormat } from "@/lib/db/generated/enums";
import { formatMoney, USD } from "@/lib/usage/currency";
import type { ChannelMessage } from "./channel-target";
import { teamsCard } from "./message";

// What a budget alert says, in each receiver's format (the failure alert's shapes, lib/alerts/message.ts).
// The generic JSON is versioned like execution.failed's; amounts in it are USD micro-units as strings.

export interface BudgetCrossing {
  holderKey: string;
  holderName: string;
  /** First day of the month (UTC). */
  month: Date;
  threshold: string;
  costMicros: bigint;
  forecastMicros: bigint;
  budgetMicros: bigint;
}

export function budgetTitle(c: BudgetCrossing): string {
  const month = c.month.toISOString().slice(0, 7);
  return c.threshold === "forecast"
    ? `${c.holderName}: ${month} is forecast to cost ${formatMoney(c.forecastMicros, USD)}, over its budget of ${formatMoney(c.budgetMicros, USD)}`
    : `${c.holderName}: ${c.threshold}% of the ${month} budget used (${formatMoney(c.costMicros, USD)} of ${formatMoney(c.budgetMicros, USD)})`;
}

export function budgetMessage(c: BudgetCrossing, usageUrl: string): ChannelMessage {
  const title = budgetTitle(c);
  const bodies: Record<AlertFormat, () => unknown> = {
    slack: () => ({ text: `:warning: *${title}*\n<${usageUrl}|Open Usage>` }),
    // No mention parsing: a holder name that reads like @everyone pings nobody.
    discord: () => ({ allowed_mentions: { parse: [] }, embeds: [{ title, url: usageUrl, color: 0xc27c00 }] }),
    teams: () =>
      teamsCard(
        [{ type: "TextBlock", text: title, weight: "Bolder", color: "Warning", wrap: true }],
        [{ type: "Action.OpenUrl", title: "Open Usage", url: usageUrl }],
      ),
    generic: () => ({
      type: "budget.crossed",
      version: 1,
      holder: { key: c.holderKey, name: c.holderName },
      month: c.month.toISOString().slice(0, 7),
      threshold: c.threshold,
      costMicros: String(c.costMicros),
      forecastMicros: String(c.forecastMicros),
      budgetMicros: String(c.budgetMicros),
      url: usageUrl,
    }),
  };
  return { webhook: (format) => bodies[format](), email: () => ({ subject: `Batchdeck: ${title}`, text: `${title}\n\nUsage: ${usageUrl}\n` }) };
}
