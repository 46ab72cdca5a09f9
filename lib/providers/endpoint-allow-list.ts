// Which hosts a cloud account's endpoints may point at. Tokens, managed-identity tokens included, and
// signed requests go to these URLs, so an endpoint is a place we hand secrets to: it must be https and
// on a host of the cloud's own endpoint families (each adapter keeps its list, and its descriptor's
// endpointRules name them). The only other origin ever accepted is the simulator's, named
// exactly by BATCHDECK_SIMULATOR_ORIGIN (demo mode and tests; see lib/env.ts), never by a pattern.

/**
 * "host.example.com" matches that host only; a "*" label matches any one DNS label in its place
 * ("*.example.com": one label under it; "svc.*.example.com": a region-like label in the middle).
 */
export type HostPattern = string;

export interface EndpointRule {
  /** What the field is called on the account form, e.g. "Resource Manager endpoint". */
  label: string;
  hosts: readonly HostPattern[];
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function hostMatches(host: string, pattern: HostPattern): boolean {
  const labels = host.split(".");
  const wanted = pattern.split(".");
  return labels.length === wanted.length && wanted.every((w, i) => (w === "*" ? LABEL.test(labels[i]!) : w === labels[i]));
}

/**
 * Why `url` may not be used for this endpoint, or null when it may. `simulatorOrigin` is the one
 * extra origin allowed (null outside demo mode and tests).
 */
export function endpointProblem(url: string, rule: EndpointRule, simulatorOrigin: string | null): string | null {
  const allowed = `https:// on ${rule.hosts.join(", ")}${simulatorOrigin ? ` (or the simulator at ${simulatorOrigin})` : ""}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${rule.label} must be a full URL: ${allowed}.`;
  }
  if (simulatorOrigin !== null && parsed.origin === simulatorOrigin && !parsed.username && !parsed.password) return null;
  if (parsed.protocol !== "https:") return `${rule.label} must use https (it carries access tokens): ${allowed}.`;
  if (parsed.username || parsed.password || parsed.port !== "" || parsed.search || parsed.hash) {
    return `${rule.label} must be a plain https://host URL with no user name, port, query or fragment: ${allowed}.`;
  }
  if (!rule.hosts.some((pattern) => hostMatches(parsed.hostname, pattern))) {
    return `${rule.label} must be ${allowed}; ${parsed.hostname} is not one of the cloud's own endpoints.`;
  }
  return null;
}
