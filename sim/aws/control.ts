import { json, isRecord, type SimRequest, type SimResponse } from "../core/http";
import type { AwsCloud, CreateAccountOptions } from "./cloud";
import { AwsTestApi } from "./testApi";

// AWS control routes under /_sim/aws (test plumbing for Playwright, not an AWS API).

export function awsControl(cloud: AwsCloud, req: SimRequest, endpoints: () => unknown): SimResponse | null {
  const path = req.path.replace(/^\/aws/, "");
  if (path === req.path) return null;
  const api = new AwsTestApi(cloud);
  try {
    const body = req.rawBody ? (JSON.parse(req.rawBody) as unknown) : {};
    if (!isRecord(body)) return json(400, { error: "body must be a JSON object" });
    if (req.method === "POST" && path === "/accounts") return json(201, { ...cloud.createAccount(body as CreateAccountOptions), endpoints: endpoints() });
    const m = /^\/accounts\/(\d{12})\/(tasks|deny|expire-credentials)$/.exec(path);
    if (m && req.method === "GET" && m[2] === "tasks") return json(200, { tasks: api.tasks(m[1]!) });
    if (m && req.method === "POST" && m[2] === "deny" && typeof body.action === "string") {
      api.deny(m[1]!, body.action, typeof body.role === "string" ? body.role : undefined);
      return { status: 204 };
    }
    if (m && req.method === "DELETE" && m[2] === "deny") {
      api.allow(m[1]!);
      return { status: 204 };
    }
    if (m && req.method === "POST" && m[2] === "expire-credentials") {
      api.expireCredentials(m[1]!);
      return { status: 204 };
    }
  } catch (error) {
    return json(400, { error: (error as Error).message });
  }
  return json(404, { error: `no control route ${req.method} /_sim${req.path}` });
}
