import type { AlertFormat } from "@/lib/db/generated/enums";

// What an alert says, in each receiver's format. One FailedRun, four shapes; the generic one is documented
// field by field in docs/alerts.md and is the one to build on (it is versioned; the others are for people).

export interface FailedRun {
  executionId: string;
  providerId: string;
  job: { id: string; name: string };
  account: { id: string; name: string; cloud: string };
  batch: string | null;
  exitCode: number | null;
  providerStatus: string;
  startedAt: Date | null;
  endedAt: Date | null;
  /** A "Send a test alert" click, not a real failure. */
  test: boolean;
}

export interface AlertLinks {
  execution: string;
  logs: string;
}

export function alertLinks(baseUrl: string, executionId: string): AlertLinks {
  const id = encodeURIComponent(executionId);
  return { execution: new URL(`/executions/${id}`, baseUrl).href, logs: new URL(`/logs?execution=${id}`, baseUrl).href };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function alertTitle(run: FailedRun): string {
  return `${run.test ? "[Test] " : ""}${run.job.name} failed${run.batch ? ` (batch ${run.batch})` : ""}`;
}

/** The facts every format shows, as label and value. */
export function alertFacts(run: FailedRun): [string, string][] {
  return [
    ["Job", run.job.name],
    ["Account", `${run.account.name} (${run.account.cloud})`],
    ["Batch", run.batch ?? "—"],
    ["Exit code", run.exitCode === null ? "—" : String(run.exitCode)],
    ["Cloud status", run.providerStatus],
    ["Started", iso(run.startedAt) ?? "—"],
    ["Ended", iso(run.endedAt) ?? "—"],
    ["Execution", run.providerId],
  ];
}

/** Slack incoming webhook: `text` is the message (mrkdwn, links as <url|label>). https://api.slack.com/messaging/webhooks */
function slack(run: FailedRun, links: AlertLinks) {
  const facts = alertFacts(run).map(([k, v]) => `*${k}:* ${v}`).join("\n");
  return { text: `:red_circle: *${alertTitle(run)}*\n${facts}\n<${links.execution}|Open the execution> · <${links.logs}|Logs>` };
}

/**
 * Discord execute-webhook: one embed; allowed_mentions with no parse types, so a job or batch name that
 * reads like @everyone pings nobody. https://discord.com/developers/docs/resources/webhook#execute-webhook
 */
function discord(run: FailedRun, links: AlertLinks) {
  return {
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: alertTitle(run),
        url: links.execution,
        color: 0xd64545,
        fields: [...alertFacts(run).map(([name, value]) => ({ name, value, inline: true })), { name: "Logs", value: links.logs, inline: false }],
        ...(run.endedAt ? { timestamp: run.endedAt.toISOString() } : {}),
      },
    ],
  };
}

/**
 * Microsoft Teams through a Workflows "When a Teams webhook request is received" flow: a message with one
 * Adaptive Card attachment. Office 365 connectors (MessageCard) are retired; Workflows take this shape.
 * https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook
 * https://devblogs.microsoft.com/microsoft365dev/retirement-of-office-365-connectors-within-microsoft-teams/
 */
export function teamsCard(body: unknown[], actions: unknown[]) {
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: { $schema: "http://adaptivecards.io/schemas/adaptive-card.json", type: "AdaptiveCard", version: "1.4", body, actions },
      },
    ],
  };
}

function teams(run: FailedRun, links: AlertLinks) {
  return teamsCard(
    [
      { type: "TextBlock", text: alertTitle(run), weight: "Bolder", size: "Medium", color: "Attention", wrap: true },
      { type: "FactSet", facts: alertFacts(run).map(([title, value]) => ({ title, value })) },
    ],
    [
      { type: "Action.OpenUrl", title: "Open the execution", url: links.execution },
      { type: "Action.OpenUrl", title: "Logs", url: links.logs },
    ],
  );
}

/** Batchdeck's own JSON (docs/alerts.md): machine-readable, versioned. */
function generic(run: FailedRun, links: AlertLinks) {
  return {
    type: "execution.failed",
    version: 1,
    test: run.test,
    execution: {
      id: run.executionId,
      providerId: run.providerId,
      batch: run.batch,
      exitCode: run.exitCode,
      providerStatus: run.providerStatus,
      startedAt: iso(run.startedAt),
      endedAt: iso(run.endedAt),
      url: links.execution,
      logsUrl: links.logs,
    },
    job: run.job,
    account: run.account,
  };
}

const FORMATS: Record<AlertFormat, (run: FailedRun, links: AlertLinks) => unknown> = { slack, discord, teams, generic };

export function webhookBody(format: AlertFormat, run: FailedRun, links: AlertLinks): unknown {
  return FORMATS[format](run, links);
}

export const FORMAT_LABELS: Record<AlertFormat, string> = {
  slack: "Slack (incoming webhook)",
  discord: "Discord (webhook)",
  teams: "Microsoft Teams (Workflows webhook)",
  generic: "Generic JSON (docs/alerts.md)",
};

/** The email: plain text, the same facts and links. */
export function emailMessage(run: FailedRun, links: AlertLinks): { subject: string; text: string } {
  const facts = alertFacts(run).map(([k, v]) => `${k}: ${v}`).join("\n");
  return { subject: `Batchdeck: ${alertTitle(run)}`, text: `${alertTitle(run)}\n\n${facts}\n\nExecution: ${links.execution}\nLogs: ${links.logs}\n` };
}
