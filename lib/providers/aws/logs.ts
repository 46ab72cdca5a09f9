import { FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import type { LogFilter, LogLine, Page } from "../types";
import { chunks, type AwsCall } from "./calls";
import { clusterOfTask, regionOf } from "./arns";
import type { Discovery } from "./discovery";
import { awsLogsTargets, parseExecutionId, streamName } from "./transform";

// The logs of some runs: FilterLogEvents over exactly their streams ("<prefix>/<container>/<task-id>",
// read from the revision each task ran), never the whole group, with the text filter applied by
// CloudWatch Logs. One batch's runs therefore read only that batch's lines, which the console can't do.

/** FilterLogEvents takes 1 to 100 stream names (API FilterLogEvents, `logStreamNames`). */
const STREAMS_PER_CALL = 100;
/** Calls one page may make: CloudWatch Logs may answer a page with no events but a token. */
const CALLS_PER_PAGE = 10;
const DEFAULT_LIMIT = 500;

interface Query {
  region: string;
  group: string;
  streams: string[];
}

interface LogCursor {
  q: number;
  t: string | null;
}

/**
 * A substring as a filter pattern: a double-quoted term matches it exactly, case-sensitively
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html).
 */
export function filterPatternOf(contains: string | undefined): string | undefined {
  if (!contains) return undefined;
  return `"${contains.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** The log groups and streams of these runs, each group's streams in calls of at most 100, in a fixed order. */
export async function logQueries(discovery: Discovery, fallbackRegion: string, executionIds: readonly string[]): Promise<{ queries: Query[]; owner: Map<string, string> }> {
  const owner = new Map<string, string>();
  const byGroup = new Map<string, Query>();
  const parsed = executionIds.map((id) => ({ id, ...parseExecutionId(id) }));
  // Runs whose id does not name their revision (none that this adapter lists): ask ECS while it remembers them.
  const unnamed = parsed.filter((p) => p.taskDefinition === null);
  for (const p of unnamed) {
    const region = regionOf(p.taskArn) ?? fallbackRegion;
    const cluster = clusterOfTask(p.taskArn);
    if (!cluster) continue;
    const [task] = await discovery.describeTasks(region, cluster, [p.taskArn]);
    p.taskDefinition = task?.taskDefinitionArn ?? null;
  }
  for (const p of parsed) {
    if (!p.taskDefinition) continue;
    const region = regionOf(p.taskArn) ?? fallbackRegion;
    const td = await discovery.revision(region, p.taskDefinition);
    for (const target of td ? awsLogsTargets(td) : []) {
      const logsRegion = target.region ?? region;
      const key = `${logsRegion} ${target.group}`;
      let query = byGroup.get(key);
      if (!query) byGroup.set(key, (query = { region: logsRegion, group: target.group, streams: [] }));
      const stream = streamName(target, p.taskArn);
      query.streams.push(stream);
      owner.set(`${key} ${stream}`, p.id);
    }
  }
  const queries = [...byGroup.keys()].sort().flatMap((key) => {
    const q = byGroup.get(key)!;
    return chunks([...new Set(q.streams)].sort(), STREAMS_PER_CALL).map((streams) => ({ region: q.region, group: q.group, streams }));
  });
  return { queries, owner };
}

export async function readTaskLogs(call: AwsCall, discovery: Discovery, fallbackRegion: string, executionIds: readonly string[], filter: LogFilter, cursor: string | null): Promise<Page<LogLine>> {
  const { queries, owner } = await logQueries(discovery, fallbackRegion, executionIds);
  let at: LogCursor = cursor ? (JSON.parse(cursor) as LogCursor) : { q: 0, t: null };
  const limit = filter.limit ?? DEFAULT_LIMIT;
  const items: LogLine[] = [];
  for (let calls = 0; calls < CALLS_PER_PAGE && at.q < queries.length && items.length < limit; calls++) {
    const query = queries[at.q]!;
    const answer = await call(query.region, "logs:FilterLogEvents", (c, abortSignal) =>
      c.logs.send(
        new FilterLogEventsCommand({
          logGroupName: query.group,
          logStreamNames: query.streams,
          filterPattern: filterPatternOf(filter.contains),
          startTime: filter.since?.getTime(),
          endTime: filter.until?.getTime(),
          nextToken: at.t ?? undefined,
          limit: limit - items.length,
        }),
        { abortSignal },
      ),
    );
    for (const event of answer.events ?? []) {
      const id = owner.get(`${query.region} ${query.group} ${event.logStreamName ?? ""}`);
      if (!id) continue;
      items.push({ at: new Date(event.timestamp ?? 0), executionProviderId: id, stream: "stdout", message: (event.message ?? "").replace(/\r?\n$/, "") });
    }
    at = answer.nextToken ? { q: at.q, t: answer.nextToken } : { q: at.q + 1, t: null };
  }
  return { items, cursor: at.q < queries.length ? JSON.stringify(at) : null };
}
