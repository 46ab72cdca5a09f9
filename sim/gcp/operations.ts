import type { GcpCloud } from "./cloud";
import type { EnumEncoder } from "./enums";
import { completionMs } from "./executions";
import type { RunOperation } from "./model";
import { anyOf, executionView, jobView } from "./runViews";

// google.longrunning.Operation for jobs.run, jobs.patch and executions.cancel. Metadata is the resource
// being worked on (Execution or Job, as Cloud Run v2 declares: metadata_type "Execution" / "Job"); a run's
// operation is done when its execution completes and answers the Execution (the simulator answers the
// Execution also for a failed run; its Completed condition tells the outcome).

export function operationView(cloud: GcpCloud, op: RunOperation, e: EnumEncoder): Record<string, unknown> {
  const now = cloud.nowMs();
  const sa = cloud.projects.get(op.projectId)?.serviceAccountEmail ?? "";
  const region = op.name.split("/")[3] ?? "";
  if (op.kind === "update") {
    const job = cloud.findJob(op.projectId, region, op.job);
    const view = job ? anyOf("Job", jobView(job, undefined, (op.doneAtMs ?? 0) > now, e, sa, now)) : undefined;
    const done = (op.doneAtMs ?? 0) <= now;
    return { name: op.name, ...(view ? { metadata: view } : {}), done, ...(done && view ? { response: view } : {}) };
  }
  const ex = cloud.findExecution(op.projectId, region, op.job, op.execution ?? "");
  if (!ex) {
    // The execution left Cloud Run's history; the operation still answers, as done.
    return { name: op.name, done: true, error: { code: 5, message: `Execution ${op.execution ?? ""} no longer exists.`, details: [] } };
  }
  const view = anyOf("Execution", executionView(ex, e, sa, now));
  const done = op.kind === "cancel" || completionMs(ex, now) !== undefined;
  return { name: op.name, metadata: view, done, ...(done ? { response: view } : {}) };
}
