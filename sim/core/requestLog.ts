// What the simulator was asked, per account, so a test can prove what an adapter sent (e.g. that a
// log filter travelled inside the KQL text instead of being applied in the app).

export interface RequestLogEntry {
  seq: number;
  /** The scope faults and logs are keyed by (see README: subscription, tenant, namespace). */
  account: string | null;
  /** The service's name as its cloud declares it (SimHttpService.name). */
  service: string;
  method: string;
  /** The operation, for services whose path does not name it (SimHttpService.operationOf); absent otherwise. */
  operation?: string;
  /** Path below the service prefix (the prefix being /<cloud>/<service>). */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON, a form as an object, raw text, or null. Secrets are redacted. */
  body: unknown;
  status: number;
  /** Simulated time when the request arrived. */
  time: string;
  responseBody: unknown;
  /** Headers the simulator set on the answer (e.g. location, retry-after). */
  responseHeaders: Record<string, string>;
}

export class RequestLog {
  private readonly entries: RequestLogEntry[] = [];
  private seq = 0;
  private readonly secretFields: ReadonlySet<string>;

  /** `secretFields`: the body fields the clouds served say hold secrets (SimCloud.secretFields), besides "password". */
  constructor(secretFields: readonly string[]) {
    this.secretFields = new Set(["password", ...secretFields]);
  }

  add(entry: Omit<RequestLogEntry, "seq">): void {
    this.entries.push({ ...entry, body: redact(entry.body, this.secretFields), seq: ++this.seq });
    // A long demo session must not grow without bound; tests read far fewer than this.
    if (this.entries.length > 20_000) this.entries.splice(0, this.entries.length - 20_000);
  }

  list(account?: string): RequestLogEntry[] {
    return account === undefined ? [...this.entries] : this.entries.filter((e) => e.account === account);
  }

  clear(): void {
    this.entries.length = 0;
  }
}

function redact(body: unknown, secretFields: ReadonlySet<string>): unknown {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return body;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) out[key] = secretFields.has(key) ? "[redacted]" : value;
  return out;
}
