import type { z } from "zod";
import type { EndpointRule } from "./endpoint-allow-list";
import type { ScheduleReading } from "@/lib/schedule/reading";
import type { Cloud, CloudProvider, ProviderAccount, ProviderExecution, ProviderTrigger } from "./types";

// What Batchdeck knows about one cloud, in one place (lib/providers/<cloud>/index.ts): how its accounts
// are stored and checked, how the Accounts page asks for one, which hosts it may call, how to build its
// provider, and the least privilege it needs. Everything outside the cloud's folder reads it from here.

export type ProviderFactory = (account: ProviderAccount) => CloudProvider;

/** Where a form field's value is stored: the account's settings, its endpoint overrides, or its sealed secrets. */
export type AccountFieldGroup = "settings" | "endpoints" | "credentials";

/** One field of the account form, declared; the Accounts page renders any cloud's form from these. */
export interface AccountFormField {
  /** The key in the settings, endpoints or credentials object, and the form field's name. */
  name: string;
  group: AccountFieldGroup;
  label: string;
  /** "secret-multiline": a secret pasted whole (a key file), drawn as a text area, never echoed back. */
  kind: "text" | "secret" | "secret-multiline" | "url";
  required?: boolean;
  help?: string;
  placeholder?: string;
}

/** The plain-data part of a descriptor: serialisable, so a client component can render it. */
export interface AccountFormSpec {
  /** Heading of the add form, e.g. "Connect an Azure subscription". */
  title: string;
  /** Accessible name of the add form. */
  addLabel: string;
  /** What to grant the account's identity, shown under the title. */
  intro: string;
  credentialsLegend: string;
  /** The edit form's checkbox that drops the saved secrets for the host's own identity. */
  hostIdentityChoice: string;
  endpointsLegend: string;
  fields: readonly AccountFormField[];
}

/** A stored trigger, as a descriptor reads its schedule. */
export interface ScheduleTrigger {
  kind: ProviderTrigger["kind"];
  expression: string;
  /** The zone the trigger names (ProviderTrigger.timeZone); null: the cloud's fixed zone. */
  timeZone: string | null;
}

export interface CloudDescriptor<C extends Cloud = Cloud> {
  cloud: C;
  /** The product, as the account list names it, e.g. "Azure Container Apps". */
  label: string;
  settings: z.ZodType;
  endpoints: z.ZodType;
  credentials: z.ZodType;
  /**
   * The form's values (trimmed, blanks dropped), checked field by field with messages for the user;
   * stricter than the stored schemas, which must keep accepting rows saved by older versions.
   */
  formValues: z.ZodType<Record<string, string | undefined>>;
  /** Shown on the secret fields when only part of the credentials was entered. */
  incompleteCredentials: string;
  form: AccountFormSpec;
  /** The hosts each endpoint field may name (the simulator's origin aside). */
  endpointRules: Readonly<Record<string, EndpointRule>>;
  createProvider: ProviderFactory;
  /** The least-privilege grant for the docs: roles, policies or commands, copyable. */
  leastPrivilegePolicy: string;
  /** Settings worth keeping in the audit record of an added account (never secrets). */
  auditedSettings: readonly string[];
  /**
   * The same execution in the cloud's own console (portal), for the execution page; null when the
   * account's settings can't name it. Built from the catalog alone: no call to the cloud.
   */
  consoleUrl(account: { settings: unknown }, job: { providerId: string; name: string }, execution: { providerId: string }): string | null;
  /**
   * A trigger's schedule in words and its next fire times after `from` (default now), read in this cloud's
   * cron dialect (lib/schedule/*), or why the expression can't be read; null for a trigger that is not a
   * schedule (an event, a manual trigger).
   */
  schedule(trigger: ScheduleTrigger, from?: Date): ScheduleReading | null;
  /**
   * Clouds whose event-triggered jobs can be woken by a message (the provider's sendTriggerMessage):
   * how the sync attributes a run to a sent message. A message carries no id into the run it wakes,
   * so the match is by time, and the run is marked inferred.
   */
  triggerMessages?: {
    /** The run a message sent at `sentAt` most likely caused, among the job's runs; null when none fits (yet). */
    matchExecution(input: TriggerMatchInput): TriggerCandidate | null;
  };
}

/** What the match reads of a run. */
export type TriggerCandidate = Pick<ProviderExecution, "providerId" | "jobProviderId" | "startedAt" | "requestKey">;

export interface TriggerMatchInput {
  sentAt: Date;
  /** Runs of the triggered job (others are ignored). */
  jobProviderId: string;
  executions: readonly TriggerCandidate[];
  /** Runs already attributed to another message. */
  claimedExecutionIds: Iterable<string>;
  windowMs?: number;
  skewMs?: number;
}
