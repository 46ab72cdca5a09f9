import { z } from "zod";
import { AlertChannelKind, AlertFormat } from "@/lib/db/generated/enums";

// The Alerts page's forms. The webhook URL travels as `secretUrl`: define-action never echoes or audits a
// field whose name looks secret, and a webhook URL is one (it grants posting to the channel).

const list = (separator: RegExp) =>
  z
    .string()
    .default("")
    .transform((s) => [...new Set(s.split(separator).map((x) => x.trim()).filter(Boolean))]);

export const MAX_RECIPIENTS = 20;

export const createChannelInput = z
  .object({
    name: z.string().trim().min(1, "Give the channel a name.").max(80, "At most 80 characters."),
    kind: z.enum(AlertChannelKind, "Choose webhook or email."),
    format: z.enum(AlertFormat, "Choose the receiver's format.").optional(),
    secretUrl: z.string().trim().default(""),
    recipients: list(/[\s,;]+/).pipe(z.array(z.email("Recipients must be email addresses, separated by commas.")).max(MAX_RECIPIENTS, `At most ${MAX_RECIPIENTS} recipients.`)),
    scope: z.enum(["all", "chosen"], "Choose all jobs or some."),
    jobIds: list(/,/),
  })
  .superRefine((input, ctx) => {
    if (input.kind === "webhook" && !input.format) ctx.addIssue({ code: "custom", path: ["format"], message: "Choose the receiver's format." });
    if (input.kind === "webhook" && !input.secretUrl) ctx.addIssue({ code: "custom", path: ["secretUrl"], message: "Paste the webhook's URL." });
    if (input.kind === "email" && input.recipients.length === 0) ctx.addIssue({ code: "custom", path: ["recipients"], message: "Name at least one recipient." });
    if (input.scope === "chosen" && input.jobIds.length === 0) ctx.addIssue({ code: "custom", path: ["jobIds"], message: "Choose at least one job, or send failures of all jobs." });
  });

export const channelIdInput = z.object({ channelId: z.string().min(1) });
