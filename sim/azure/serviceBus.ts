import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import type { ActiveFault } from "../core/faults";
import type { SimRequest, SimResponse } from "../core/http";
import type { SimHttpService } from "../core/service";
import type { AzureCloud } from "./cloud";

// Service Bus REST send (learn.microsoft.com/rest/api/servicebus/send-message-to-queue):
//   POST https://{namespace}/{queue}/messages  ->  201 Created
// Here the namespace host is the first path segment under the prefix:
//   POST {base}/azure/servicebus/{namespace host}/{queue}/messages
// so endpoints.serviceBus = {base}/azure/servicebus/{namespace host} "replaces https://<namespace>".
// Authorization: SharedAccessSignature sr=<url-encoded resource>&sig=<base64 HMAC-SHA256>&se=<unix expiry>&skn=<key name>
// where sig = HMAC-SHA256(key, "<sr as sent>\n<se>") (learn.microsoft.com/azure/service-bus-messaging/service-bus-sas).
// Errors are the service's XML <Error><Code>…</Code><Detail>…</Detail></Error>.

export function serviceBusService(cloud: AzureCloud, prefix = "/azure/servicebus"): SimHttpService {
  return {
    name: "servicebus",
    prefix,
    accountOf: (req) => req.path.split("/")[1]?.toLowerCase() ?? null,
    faultResponse: (fault) => faultAnswer(fault),
    handle: (req) => send(cloud, req),
  };
}

function send(cloud: AzureCloud, req: SimRequest): SimResponse {
  const segments = req.path.split("/").filter(Boolean).map(decodeURIComponent);
  if (segments.length !== 3 || segments[2] !== "messages") return sbError(404, `The requested resource '${req.path}' is not a Service Bus send endpoint.`);
  if (req.method !== "POST") return sbError(405, `The requested HTTP method '${req.method}' is not allowed on '${req.path}'.`);
  const host = segments[0]!.toLowerCase();
  const queueName = segments[1]!.toLowerCase();
  const namespace = cloud.state.namespaces.get(host);
  if (!namespace) return sbError(404, `No such host is known: the namespace '${host}' does not exist.`);

  const auth = parseSas(req.headers.authorization);
  if (!auth) return sbError(401, "MalformedToken: The credentials contained in the authorization header are not in the WRAP or SharedAccessSignature format.");
  const key = namespace.keys.get(auth.skn);
  if (key === undefined || !signatureMatches(key, auth)) return sbError(401, "InvalidSignature: The token has an invalid signature.");
  // Expiry on the real clock, like the SDK computed it (see core/clock.ts).
  if (Number(auth.se) * 1000 <= Date.now()) return sbError(401, `ExpiredToken: The token is expired. Expiration time: '${new Date(Number(auth.se) * 1000).toISOString()}'`);
  const audience = normalizeResource(decodeURIComponent(auth.sr));
  const targets = [`${host}/${queueName}`, `${normalizeResource(req.baseUrl)}/${host}/${queueName}`];
  if (!targets.some((t) => t === audience || t.startsWith(`${audience}/`))) {
    return sbError(401, `InvalidAudience: The token audience '${decodeURIComponent(auth.sr)}' is not valid for 'sb://${host}/${queueName}'.`);
  }

  const queue = namespace.queues.get(queueName);
  if (!queue) {
    return sbError(404, `The messaging entity 'sb://${host}/${queueName}' could not be found. To know more visit https://aka.ms/sbResourceMgrExceptions.`);
  }
  let brokerProperties: Record<string, unknown> | null = null;
  const brokerHeader = req.headers.brokerproperties;
  if (typeof brokerHeader === "string") {
    try {
      brokerProperties = JSON.parse(brokerHeader) as Record<string, unknown>;
    } catch {
      return sbError(400, "The value of the BrokerProperties header is not valid JSON.");
    }
  }
  const customProperties: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!STANDARD_HEADERS.has(name) && typeof value === "string") customProperties[name] = value;
  }
  const enqueuedMs = cloud.clock.nowMs();
  queue.push({
    sequenceNumber: namespace.nextSequence++,
    enqueuedMs,
    body: req.rawBody,
    contentType: typeof req.headers["content-type"] === "string" ? req.headers["content-type"] : null,
    brokerProperties,
    customProperties,
  });
  // The broker's own clock in the Date header, as every Azure REST response carries one (RFC 9110 §6.6.1).
  return { status: 201, headers: { date: new Date(enqueuedMs).toUTCString() } };
}

const STANDARD_HEADERS = new Set(["authorization", "content-type", "content-length", "host", "connection", "brokerproperties", "user-agent", "accept", "accept-encoding", "transfer-encoding", "x-ms-client-request-id", "x-ms-useragent"]);

interface Sas {
  sr: string;
  sig: string;
  se: string;
  skn: string;
}

function parseSas(header: string | string[] | undefined): Sas | null {
  if (typeof header !== "string" || !header.startsWith("SharedAccessSignature ")) return null;
  const fields: Record<string, string> = {};
  for (const part of header.slice("SharedAccessSignature ".length).trim().split("&")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields[part.slice(0, eq)] = part.slice(eq + 1);
  }
  const { sr, sig, se, skn } = fields;
  if (!sr || !sig || !se || !skn || !/^\d+$/.test(se)) return null;
  return { sr, sig, se, skn };
}

function signatureMatches(key: string, sas: Sas): boolean {
  let given: Buffer;
  try {
    given = Buffer.from(decodeURIComponent(sas.sig), "base64");
  } catch {
    return false;
  }
  // The string to sign is the sr exactly as it appears in the token; accept the canonical
  // encodeURIComponent form as well, as Service Bus does.
  const candidates = new Set([sas.sr, encodeURIComponent(safeDecode(sas.sr))]);
  for (const sr of candidates) {
    const expected = createHmac("sha256", key).update(`${sr}\n${sas.se}`).digest();
    if (expected.length === given.length && timingSafeEqual(expected, given)) return true;
  }
  return false;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** "https://ns.servicebus.windows.net/q/" -> "ns.servicebus.windows.net/q" */
function normalizeResource(resource: string): string {
  return resource.replace(/^[a-z]+:\/\//i, "").replace(/\/+$/, "").toLowerCase();
}

function sbError(status: number, detail: string, headers: Record<string, string> = {}): SimResponse {
  const tracking = `TrackingId:${randomUUID()}_G0, SystemTracker:NoSystemTracker, Timestamp:${new Date().toISOString()}`;
  return {
    status,
    headers: { "content-type": "application/xml; charset=utf-8", ...headers },
    body: `<Error><Code>${status}</Code><Detail>${escapeXml(detail)} ${tracking}</Detail></Error>`,
  };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function faultAnswer(fault: ActiveFault): SimResponse {
  if (fault.kind === "throttle") {
    const seconds = String(fault.retryAfterSeconds ?? 1);
    return sbError(429, "The request was terminated because the entity is being throttled. Please wait and try again.", { "retry-after": seconds });
  }
  return sbError(fault.status ?? 500, "The server was unable to process the request; please retry the operation.");
}
