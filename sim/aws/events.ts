import type { SimHttpService } from "../core/service";
import type { AwsCloud } from "./cloud";
import { AwsError } from "./errors";
import { parseExpression } from "./expressions";
import type { AwsAccount, Json, Rule, Target } from "./model";
import { awsJsonService, int, page, requiredStr, str } from "./protocol";

// Amazon EventBridge rules on the default bus (awsJson1_1, X-Amz-Target AWSEvents.<Operation>;
// eventbridge.json). Scheduled rules start their ECS targets on the clock (lifecycle.ts); pattern
// rules receive the ECS task state-change events. Errors: ResourceNotFoundException,
// ValidationException, InvalidEventPatternException, AccessDeniedException (400).

export function eventsService(cloud: AwsCloud): SimHttpService {
  return awsJsonService(cloud, {
    name: "events",
    prefix: "/aws/events",
    signingName: "events",
    iamPrefix: "events",
    targetPrefix: "AWSEvents",
    faults: { throttle: "ThrottlingException", throttleStatus: 400, server: "InternalException" },
    resourceOf: (accountId, _op, input) => {
      const account = cloud.state.accounts.get(accountId);
      return typeof input.Name === "string" || typeof input.Rule === "string" ? `arn:aws:events:${account?.region ?? "us-east-1"}:${accountId}:rule/${String(input.Name ?? input.Rule)}` : "*";
    },
    operations: {
      ListRules: ({ account, input }) => {
        const prefix = str(input, "NamePrefix") ?? "";
        const rules = [...account.rules.values()].filter((r) => r.name.startsWith(prefix)).sort((a, b) => (a.name < b.name ? -1 : 1));
        const { items, nextToken } = page(rules, str(input, "NextToken"), limit(input));
        return { Rules: items.map(ruleSummary), NextToken: nextToken };
      },
      DescribeRule: ({ account, input }) => {
        const rule = findRule(account, requiredStr(input, "Name", "ValidationException"));
        return { ...ruleSummary(rule), CreatedBy: account.id };
      },
      PutRule: ({ account, input, nowMs }) => {
        const name = requiredStr(input, "Name", "ValidationException");
        if (!/^[.\-_A-Za-z0-9]{1,64}$/.test(name)) throw new AwsError("ValidationException", `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`);
        const scheduleExpression = str(input, "ScheduleExpression", "ValidationException");
        const eventPattern = str(input, "EventPattern", "ValidationException");
        if (scheduleExpression === undefined && eventPattern === undefined) throw new AwsError("ValidationException", "Parameter(s) EventPattern or ScheduleExpression must be specified.");
        if (scheduleExpression !== undefined) {
          try {
            parseExpression(scheduleExpression);
          } catch (error) {
            throw new AwsError("ValidationException", (error as Error).message);
          }
        }
        if (eventPattern !== undefined) checkPattern(eventPattern);
        const state = str(input, "State", "ValidationException") ?? "ENABLED";
        if (state !== "ENABLED" && state !== "DISABLED") throw new AwsError("ValidationException", "State must be ENABLED or DISABLED.");
        const rule = putRule(account, { name, scheduleExpression, eventPattern, state, description: str(input, "Description"), roleArn: str(input, "RoleArn") }, nowMs);
        return { RuleArn: rule.arn };
      },
      ListTargetsByRule: ({ account, input }) => {
        const rule = findRule(account, requiredStr(input, "Rule", "ValidationException"));
        const { items, nextToken } = page(rule.targets, str(input, "NextToken"), limit(input));
        return { Targets: items, NextToken: nextToken };
      },
      PutTargets: ({ account, input }) => {
        const rule = findRule(account, requiredStr(input, "Rule", "ValidationException"));
        const targets = input.Targets;
        if (!Array.isArray(targets) || targets.length === 0 || targets.length > 10) throw new AwsError("ValidationException", "Targets must hold 1 to 10 targets.");
        for (const t of targets as Json[]) {
          if (typeof t.Id !== "string" || typeof t.Arn !== "string") throw new AwsError("ValidationException", "Each target needs an Id and an Arn.");
          if (t.Input !== undefined && typeof t.Input === "string") {
            try {
              JSON.parse(t.Input);
            } catch {
              throw new AwsError("ValidationException", `Target ${t.Id}: Input is not valid JSON.`);
            }
          }
          // Replaces a target with the same Id, as PutTargets does.
          const target = structuredClone(t) as Target;
          const at = rule.targets.findIndex((x) => x.Id === target.Id);
          if (at >= 0) rule.targets[at] = target;
          else rule.targets.push(target);
        }
        return { FailedEntryCount: 0, FailedEntries: [] };
      },
      ListRuleNamesByTarget: ({ account, input }) => {
        const arn = requiredStr(input, "TargetArn", "ValidationException");
        const names = [...account.rules.values()].filter((r) => r.targets.some((t) => t.Arn === arn)).map((r) => r.name).sort();
        const { items, nextToken } = page(names, str(input, "NextToken"), limit(input));
        return { RuleNames: items, NextToken: nextToken };
      },
    },
  });
}

function limit(input: Json): number {
  const value = int(input, "Limit", "ValidationException");
  if (value !== undefined && (value < 1 || value > 100)) throw new AwsError("ValidationException", "Limit must be between 1 and 100.");
  return value ?? 100;
}

function findRule(account: AwsAccount, name: string): Rule {
  const rule = account.rules.get(name);
  if (!rule) throw new AwsError("ResourceNotFoundException", `Rule ${name} does not exist on EventBus default.`);
  return rule;
}

function checkPattern(pattern: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(pattern);
  } catch {
    throw new AwsError("InvalidEventPatternException", "Event pattern is not valid. Reason: Unrecognized token");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new AwsError("InvalidEventPatternException", "Event pattern is not valid. Reason: Filter is not an object");
}

export interface PutRuleInput {
  name: string;
  scheduleExpression?: string;
  eventPattern?: string;
  state: string;
  description?: string;
  roleArn?: string;
}

/** Creates or updates a rule; an updated rule keeps its targets and its place in time. */
export function putRule(account: AwsAccount, input: PutRuleInput, nowMs: number): Rule {
  const existing = account.rules.get(input.name);
  const rule: Rule = {
    name: input.name,
    arn: `arn:aws:events:${account.region}:${account.id}:rule/${input.name}`,
    scheduleExpression: input.scheduleExpression,
    eventPattern: input.eventPattern,
    state: input.state as Rule["state"],
    description: input.description,
    roleArn: input.roleArn,
    eventBusName: "default",
    targets: existing?.targets ?? [],
    createdMs: existing?.createdMs ?? nowMs,
    firedUntilMs: existing?.firedUntilMs ?? nowMs,
  };
  account.rules.set(rule.name, rule);
  return rule;
}

function ruleSummary(rule: Rule): Json {
  const out: Json = { Name: rule.name, Arn: rule.arn, State: rule.state, EventBusName: rule.eventBusName };
  if (rule.scheduleExpression !== undefined) out.ScheduleExpression = rule.scheduleExpression;
  if (rule.eventPattern !== undefined) out.EventPattern = rule.eventPattern;
  if (rule.description !== undefined) out.Description = rule.description;
  if (rule.roleArn !== undefined) out.RoleArn = rule.roleArn;
  return out;
}
