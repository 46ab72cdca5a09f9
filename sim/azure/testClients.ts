import { createHmac } from "node:crypto";

/** A Service Bus SAS token as the documented recipe builds it (service-bus-sas#generate-a-shared-access-signature-token). */
export function sasToken(resourceUri: string, keyName: string, key: string, expirySeconds = 3600): string {
  const sr = encodeURIComponent(resourceUri);
  const se = Math.floor(Date.now() / 1000) + expirySeconds;
  const sig = createHmac("sha256", key).update(`${sr}\n${se}`).digest("base64");
  return `SharedAccessSignature sr=${sr}&sig=${encodeURIComponent(sig)}&se=${se}&skn=${keyName}`;
}

export interface AzureTestAccount {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/** A client-credentials token straight from the simulated Entra token endpoint. */
export async function fetchToken(authorityHost: string, account: AzureTestAccount, scope: string): Promise<string> {
  const res = await fetch(`${authorityHost}/${account.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: account.clientId, client_secret: account.clientSecret, scope }),
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** fetch with a bearer token and JSON body. */
export function bearerFetch(url: string, token: string, method = "GET", body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  return fetch(url, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
}
