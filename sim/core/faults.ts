// Faults injected per account, so one throttled or broken cloud account can be shown not to break the
// others. Each service turns a fault into its vendor's own error shape (see the services' errors).

export type FaultKind = "throttle" | "error5xx" | "latency" | "hang";
export const FAULT_KINDS: readonly FaultKind[] = ["throttle", "error5xx", "latency", "hang"];

export interface FaultSpec {
  account: string;
  kind: FaultKind;
  /** throttle: the Retry-After header, in seconds (default 1). */
  retryAfterSeconds?: number;
  /** latency: added delay before a normal answer (default 1000). */
  latencyMs?: number;
  /**
   * latency: the request is carried out at once and only its answer is late, as when the cloud acts
   * but the caller's deadline passes first (the answer is lost). Default: delayed before handling.
   */
  answerLate?: boolean;
  /** Only requests with this method (e.g. "POST"); omitted = any. */
  method?: string;
  /** Only requests whose path contains this, case-insensitively (e.g. "/start"); omitted = any. */
  pathContains?: string;
  /** error5xx: the status (default 500; 502, 503 and 504 allowed). */
  status?: number;
  /** How many requests it affects; omitted = every request until deleted. */
  count?: number;
  /** Let this many matching requests through first (e.g. break only the second look-up). */
  after?: number;
}

export interface ActiveFault extends FaultSpec {
  id: number;
  remaining: number | null;
  skipLeft: number;
}

export class FaultRegistry {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): ActiveFault {
    const problem = validateFault(spec);
    if (problem) throw new RangeError(problem);
    const fault: ActiveFault = { ...spec, id: this.nextId++, remaining: spec.count ?? null, skipLeft: spec.after ?? 0 };
    this.faults.push(fault);
    return fault;
  }

  /** The fault that applies to this request (and uses one of its `count`), if any. */
  take(account: string | null, request: { method: string; path: string } = { method: "", path: "" }): ActiveFault | null {
    if (account === null) return null;
    const fault = this.faults.find((f) => {
      if (f.account !== account || !matches(f, request)) return false;
      if (f.skipLeft === 0) return true;
      f.skipLeft -= 1;
      return false;
    });
    if (!fault) return null;
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    }
    return fault;
  }

  list(): ActiveFault[] {
    return [...this.faults];
  }

  clear(account?: string): void {
    this.faults = account === undefined ? [] : this.faults.filter((f) => f.account !== account);
  }
}

function matches(fault: FaultSpec, request: { method: string; path: string }): boolean {
  if (fault.method !== undefined && fault.method.toUpperCase() !== request.method.toUpperCase()) return false;
  return fault.pathContains === undefined || request.path.toLowerCase().includes(fault.pathContains.toLowerCase());
}

function validateFault(spec: FaultSpec): string | null {
  if (typeof spec !== "object" || spec === null) return "body must be a JSON object";
  if (typeof spec.account !== "string" || spec.account === "") return "account is required";
  if (!FAULT_KINDS.includes(spec.kind)) return `kind must be one of ${FAULT_KINDS.join(", ")}`;
  for (const key of ["retryAfterSeconds", "latencyMs", "count", "after"] as const) {
    const v = spec[key];
    if (v !== undefined && (typeof v !== "number" || !Number.isInteger(v) || v < 0)) return `${key} must be an integer >= 0`;
  }
  if (spec.count === 0) return "count must be >= 1";
  if (spec.answerLate !== undefined && typeof spec.answerLate !== "boolean") return "answerLate must be true or false";
  for (const key of ["method", "pathContains"] as const) {
    const v = spec[key];
    if (v !== undefined && (typeof v !== "string" || v === "")) return `${key} must be a non-empty string`;
  }
  if (spec.status !== undefined && ![500, 502, 503, 504].includes(spec.status)) return "status must be 500, 502, 503 or 504";
  return null;
}
