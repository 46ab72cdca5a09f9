import { json, isRecord, type SimRequest, type SimResponse } from "../core/http";
import type { AzureCloud, CreateAccountOptions, CreateJobOptions } from "./cloud";

// Azure control routes under /_sim/azure (test plumbing, not an Azure API; README "Control routes").

export function azureControl(cloud: AzureCloud, req: SimRequest, endpointsFor: (namespace: string) => unknown): SimResponse | null {
  const path = req.path.replace(/^\/azure/, "");
  if (path === req.path) return null;
  try {
    const body = req.rawBody ? (JSON.parse(req.rawBody) as unknown) : {};
    if (req.method === "POST" && path === "/accounts") {
      if (!isRecord(body)) return json(400, { error: "body must be a JSON object" });
      const account = cloud.createAccount(body as CreateAccountOptions);
      return json(201, { ...account, endpoints: endpointsFor(account.serviceBusNamespace) });
    }
    if (req.method === "POST" && path === "/jobs") {
      if (!isRecord(body)) return json(400, { error: "body must be a JSON object" });
      return json(201, cloud.createJob(body as unknown as CreateJobOptions));
    }
    if (req.method === "GET" && path === "/messages") {
      const { namespace, queue } = req.query;
      if (!namespace || !queue) return json(400, { error: "namespace and queue are required" });
      return json(200, { messages: cloud.queueMessages(namespace, queue) });
    }
  } catch (error) {
    return json(400, { error: (error as Error).message });
  }
  return json(404, { error: `no control route ${req.method} /_sim${req.path}` });
}
