import type { SimHttpService } from "../core/service";
import type { AwsCloud } from "./cloud";
import { AwsError } from "./errors";
import type { AwsAccount, Json, LogEvent, LogGroup, LogStream } from "./model";
import { awsJsonService, int, requiredStr, str, strList } from "./protocol";

// Amazon CloudWatch Logs (awsJson1_1, X-Amz-Target Logs_20140328.<Operation>; cloudwatch-logs.json):
// FilterLogEvents, GetLogEvents, DescribeLogStreams, DescribeLogGroups. Events become visible as the
// simulated clock passes their timestamp. Filter patterns: space-separated terms and "quoted phrases",
// all of which must occur (case-sensitive), and -term to exclude — the unstructured-text subset of
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html; JSON and
// space-delimited patterns are answered InvalidParameterException.

const MAX_EVENTS = 10_000;

export function logsService(cloud: AwsCloud): SimHttpService {
  return awsJsonService(cloud, {
    name: "logs",
    prefix: "/aws/logs",
    signingName: "logs",
    iamPrefix: "logs",
    targetPrefix: "Logs_20140328",
    faults: { throttle: "ThrottlingException", throttleStatus: 400, server: "ServiceUnavailableException" },
    resourceOf: (accountId, _op, input) => {
      const account = cloud.state.accounts.get(accountId);
      return typeof input.logGroupName === "string" ? `arn:aws:logs:${account?.region ?? "us-east-1"}:${accountId}:log-group:${input.logGroupName}:*` : "*";
    },
    operations: {
      FilterLogEvents: ({ account, input, nowMs }) => filterLogEvents(account, input, nowMs),
      GetLogEvents: ({ account, input, nowMs }) => getLogEvents(account, input, nowMs),
      DescribeLogStreams: ({ account, input }) => describeLogStreams(account, input),
      DescribeLogGroups: ({ account, input }) => {
        const prefix = str(input, "logGroupNamePrefix") ?? "";
        const groups = [...account.logGroups.values()].filter((g) => g.name.startsWith(prefix)).sort((a, b) => (a.name < b.name ? -1 : 1));
        return { logGroups: groups.map((g) => ({ logGroupName: g.name, arn: `${g.arn}:*`, logGroupArn: g.arn, creationTime: g.creationMs, metricFilterCount: 0, storedBytes: 0, logGroupClass: "STANDARD" })) };
      },
    },
  });
}

function group(account: AwsAccount, input: Json): LogGroup {
  const name = str(input, "logGroupName") ?? str(input, "logGroupIdentifier")?.replace(/^arn:aws:logs:[^:]+:\d{12}:log-group:/, "").replace(/:\*$/, "");
  if (name === undefined) throw new AwsError("InvalidParameterException", "logGroupName or logGroupIdentifier is required.");
  const found = account.logGroups.get(name);
  if (!found) throw new AwsError("ResourceNotFoundException", "The specified log group does not exist.");
  return found;
}

type Term = { text: string; exclude: boolean };

function parsePattern(pattern: string | undefined): Term[] {
  if (pattern === undefined || pattern.trim() === "") return [];
  if (/^\s*[{[]/.test(pattern)) throw new AwsError("InvalidParameterException", "Invalid filter pattern: the simulator supports terms and quoted phrases only.");
  const terms: Term[] = [];
  for (const m of pattern.matchAll(/(-?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g)) terms.push({ exclude: m[1] === "-", text: m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3]! });
  return terms;
}

const matches = (terms: Term[], message: string) => terms.every((t) => message.includes(t.text) !== t.exclude);

function filterLogEvents(account: AwsAccount, input: Json, nowMs: number): Json {
  const logGroup = group(account, input);
  const names = strList(input, "logStreamNames");
  const prefix = str(input, "logStreamNamePrefix");
  if (names !== undefined && prefix !== undefined) throw new AwsError("InvalidParameterException", "logStreamNames and logStreamNamePrefix are mutually exclusive");
  if (names !== undefined && (names.length < 1 || names.length > 100)) throw new AwsError("InvalidParameterException", "1 validation error detected: Value at 'logStreamNames' failed to satisfy constraint: Member must have length less than or equal to 100");
  const limit = int(input, "limit") ?? MAX_EVENTS;
  if (limit < 1 || limit > MAX_EVENTS) throw new AwsError("InvalidParameterException", "1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000");
  const terms = parsePattern(str(input, "filterPattern"));
  const start = int(input, "startTime") ?? 0;
  const end = int(input, "endTime") ?? Number.MAX_SAFE_INTEGER;
  const after = decodeToken(str(input, "nextToken"));
  const streams = [...logGroup.streams.values()].filter((s) => (names === undefined || names.includes(s.name)) && (prefix === undefined || s.name.startsWith(prefix)));
  const found: { stream: string; event: LogEvent }[] = [];
  for (const stream of streams) {
    for (const event of stream.events) {
      if (event.timestamp < start || event.timestamp > end || event.timestamp > nowMs) continue;
      if (after !== null && (event.timestamp < after.t || (event.timestamp === after.t && event.seq <= after.s))) continue;
      if (matches(terms, event.message)) found.push({ stream: stream.name, event });
    }
  }
  found.sort((a, b) => a.event.timestamp - b.event.timestamp || a.event.seq - b.event.seq);
  const pageOf = found.slice(0, limit);
  const last = pageOf.at(-1);
  const out: Json = {
    events: pageOf.map(({ stream, event }) => ({ logStreamName: stream, timestamp: event.timestamp, message: event.message, ingestionTime: event.ingestionTime, eventId: event.eventId })),
    searchedLogStreams: [],
  };
  if (found.length > limit && last) out.nextToken = Buffer.from(JSON.stringify({ t: last.event.timestamp, s: last.event.seq })).toString("base64");
  return out;
}

function decodeToken(token: string | undefined): { t: number; s: number } | null {
  if (token === undefined) return null;
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as { t: unknown; s: unknown };
    if (typeof parsed.t === "number" && typeof parsed.s === "number") return { t: parsed.t, s: parsed.s };
  } catch {
    // answered below
  }
  throw new AwsError("InvalidParameterException", "The specified nextToken is invalid.");
}

function stream(logGroup: LogGroup, name: string): LogStream {
  const found = logGroup.streams.get(name);
  if (!found) throw new AwsError("ResourceNotFoundException", "The specified log stream does not exist.");
  return found;
}

/** Tokens "f/<index>" and "b/<index>" as the service's look; at the end the same token comes back. */
function getLogEvents(account: AwsAccount, input: Json, nowMs: number): Json {
  const logStream = stream(group(account, input), requiredStr(input, "logStreamName"));
  const start = int(input, "startTime") ?? 0;
  const end = int(input, "endTime") ?? Number.MAX_SAFE_INTEGER;
  const limit = int(input, "limit") ?? MAX_EVENTS;
  if (limit < 1 || limit > MAX_EVENTS) throw new AwsError("InvalidParameterException", "limit must be between 1 and 10000.");
  const visible = logStream.events.filter((e) => e.timestamp >= start && e.timestamp < end && e.timestamp <= nowMs);
  const token = str(input, "nextToken");
  const m = token === undefined ? null : /^([fb])\/(\d+)$/.exec(token);
  if (token !== undefined && !m) throw new AwsError("InvalidParameterException", "The specified nextToken is invalid.");
  let from: number;
  let to: number;
  if (m?.[1] === "b") {
    to = Number(m[2]);
    from = Math.max(0, to - limit);
  } else if (m?.[1] === "f") {
    from = Number(m[2]);
    to = Math.min(visible.length, from + limit);
  } else if (input.startFromHead === true) {
    from = 0;
    to = Math.min(visible.length, limit);
  } else {
    to = visible.length;
    from = Math.max(0, to - limit);
  }
  return {
    events: visible.slice(from, to).map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
    nextForwardToken: `f/${to}`,
    nextBackwardToken: `b/${from}`,
  };
}

function describeLogStreams(account: AwsAccount, input: Json): Json {
  const logGroup = group(account, input);
  const prefix = str(input, "logStreamNamePrefix");
  const orderBy = str(input, "orderBy") ?? "LogStreamName";
  if (orderBy === "LastEventTime" && prefix !== undefined) throw new AwsError("InvalidParameterException", "Cannot order by LastEventTime with a logStreamNamePrefix.");
  const limit = int(input, "limit") ?? 50;
  if (limit < 1 || limit > 50) throw new AwsError("InvalidParameterException", "limit must be between 1 and 50.");
  let streams = [...logGroup.streams.values()].filter((s) => prefix === undefined || s.name.startsWith(prefix));
  const last = (s: LogStream) => s.events.at(-1)?.timestamp ?? 0;
  streams.sort(orderBy === "LastEventTime" ? (a, b) => last(a) - last(b) : (a, b) => (a.name < b.name ? -1 : 1));
  if (input.descending === true) streams = streams.reverse();
  const offset = str(input, "nextToken") === undefined ? 0 : Number(Buffer.from(str(input, "nextToken")!, "base64").toString("utf8"));
  if (!Number.isInteger(offset) || offset < 0) throw new AwsError("InvalidParameterException", "The specified nextToken is invalid.");
  const slice = streams.slice(offset, offset + limit);
  const out: Json = {
    logStreams: slice.map((s) => ({
      logStreamName: s.name,
      creationTime: s.creationMs,
      firstEventTimestamp: s.events[0]?.timestamp,
      lastEventTimestamp: s.events.at(-1)?.timestamp,
      lastIngestionTime: s.events.at(-1)?.ingestionTime,
      arn: `${logGroup.arn}:log-stream:${s.name}`,
      storedBytes: 0,
    })),
  };
  if (offset + limit < streams.length) out.nextToken = Buffer.from(String(offset + limit)).toString("base64");
  return out;
}
