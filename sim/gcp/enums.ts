// The proto enum numbers of the values the simulator renders. Google's REST answers carry enum names,
// or the numbers when the client asks `$alt=json;enum-encoding=int` (the generated Node clients always do:
// google-gax fallbackRest.js adds it when `numericEnums` is set). Numbers from the protos in
// ../shared/specs/google/protos (cloud/run/v2/condition.proto, api/launch_stage.proto,
// logging/type/log_severity.proto) and google/cloud/scheduler/v1/job.proto + target.proto.

const TABLES = {
  conditionState: { STATE_UNSPECIFIED: 0, CONDITION_PENDING: 1, CONDITION_RECONCILING: 2, CONDITION_FAILED: 3, CONDITION_SUCCEEDED: 4 },
  conditionSeverity: { SEVERITY_UNSPECIFIED: 0, ERROR: 1, WARNING: 2, INFO: 3 },
  executionReason: { EXECUTION_REASON_UNDEFINED: 0, JOB_STATUS_SERVICE_POLLING_ERROR: 1, NON_ZERO_EXIT_CODE: 2, CANCELLED: 3, CANCELLING: 4, DELETED: 5, DELAYED_START_PENDING: 6 },
  launchStage: { LAUNCH_STAGE_UNSPECIFIED: 0, UNIMPLEMENTED: 6, PRELAUNCH: 7, EARLY_ACCESS: 1, ALPHA: 2, BETA: 3, GA: 4, DEPRECATED: 5 },
  executionEnvironment: { EXECUTION_ENVIRONMENT_UNSPECIFIED: 0, EXECUTION_ENVIRONMENT_GEN1: 1, EXECUTION_ENVIRONMENT_GEN2: 2 },
  ingress: { INGRESS_TRAFFIC_UNSPECIFIED: 0, INGRESS_TRAFFIC_ALL: 1, INGRESS_TRAFFIC_INTERNAL_ONLY: 2, INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER: 3, INGRESS_TRAFFIC_NONE: 4 },
  trafficType: { TRAFFIC_TARGET_ALLOCATION_TYPE_UNSPECIFIED: 0, TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST: 1, TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION: 2 },
  schedulerState: { STATE_UNSPECIFIED: 0, ENABLED: 1, PAUSED: 2, DISABLED: 3, UPDATE_FAILED: 4 },
  httpMethod: { HTTP_METHOD_UNSPECIFIED: 0, POST: 1, GET: 2, HEAD: 3, PUT: 4, DELETE: 5, PATCH: 6, OPTIONS: 7 },
  logSeverity: { DEFAULT: 0, DEBUG: 100, INFO: 200, NOTICE: 300, WARNING: 400, ERROR: 500, CRITICAL: 600, ALERT: 700, EMERGENCY: 800 },
} as const;

export type EnumTable = keyof typeof TABLES;

/** Renders enum values as the request asked: names, or numbers for `$alt=json;enum-encoding=int`. */
export type EnumEncoder = <T extends EnumTable>(table: T, value: keyof (typeof TABLES)[T]) => string | number;

export function enumEncoder(query: Record<string, string>): EnumEncoder {
  const numeric = /enum-encoding=int/.test(query.$alt ?? "");
  return (table, value) => (numeric ? (TABLES[table][value] as number) : (value as string));
}

/** A request's enum value (a name or a number) as its name, or undefined when it is neither. */
export function enumName<T extends EnumTable>(table: T, value: unknown): keyof (typeof TABLES)[T] | undefined {
  const entries = Object.entries(TABLES[table]) as [keyof (typeof TABLES)[T], number][];
  return entries.find(([name, n]) => name === value || n === value)?.[0];
}
