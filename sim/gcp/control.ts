import { json, isRecord, type SimRequest, type SimResponse } from "../core/http";
import type { GcpCloud, CreateJobOptions, CreateProjectOptions, CreateSchedulerJobOptions, CreateServiceOptions } from "./cloud";

// Google Cloud control routes under /_sim/gcp (test plumbing, not a Google API; README "Google Cloud").

export function gcpControl(cloud: GcpCloud, req: SimRequest): SimResponse | null {
  const path = req.path.replace(/^\/gcp/, "");
  if (path === req.path) return null;
  try {
    const body: unknown = req.rawBody ? JSON.parse(req.rawBody) : {};
    if (req.method === "POST" && !isRecord(body)) return json(400, { error: "body must be a JSON object" });
    const b = body as Record<string, unknown>;
    if (req.method === "POST" && path === "/projects") {
      const { key, ...project } = cloud.createProject(b as CreateProjectOptions);
      return json(201, { projectId: project.projectId, regions: project.regions, serviceAccountKey: JSON.stringify(key), keyId: key.private_key_id });
    }
    if (req.method === "POST" && path === "/jobs") return json(201, { name: cloud.createJob(b as unknown as CreateJobOptions).name });
    if (req.method === "POST" && path === "/services") return json(201, { name: cloud.createService(b as unknown as CreateServiceOptions).name });
    if (req.method === "POST" && path === "/scheduler-jobs") return json(201, { name: cloud.createSchedulerJob(b as unknown as CreateSchedulerJobOptions).name });
    if (req.method === "POST" && path === "/keys") {
      const key = cloud.issueKey(String(b.projectId));
      return json(201, { serviceAccountKey: JSON.stringify(key), keyId: key.private_key_id });
    }
    const revoke = /^\/keys\/([0-9a-f]+)$/.exec(path);
    if (req.method === "DELETE" && revoke) {
      cloud.keys.revoke(revoke[1] as string);
      return { status: 204 };
    }
    if (req.method === "POST" && path === "/log-quota") {
      cloud.project(String(b.projectId)).logQuotaPerMinute = Number(b.perMinute);
      return json(200, { projectId: b.projectId, perMinute: Number(b.perMinute) });
    }
  } catch (error) {
    return json(400, { error: (error as Error).message });
  }
  return json(404, { error: `no control route ${req.method} /_sim${req.path}` });
}
