import type { GcpCloud } from "./cloud";
import type { ServiceAccountKeyJson } from "./keys";

// The "demo" scenario after shared/seeds/002: a lab project in Tokyo with one Cloud Run job run as two
// batches by two Cloud Scheduler jobs (each sets BATCH in its body's container override), three weeks of
// history (well inside Cloud Run's 1,000-execution history), some failed runs, one run going now, and the
// lab's account service (a Cloud Run service) with request logs. Deterministic per seed.

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 21;

export interface GcpDemoProject {
  projectId: string;
  regions: string[];
  key: ServiceAccountKeyJson;
}

export function seedGcpDemo(cloud: GcpCloud): GcpDemoProject {
  const project = cloud.createProject({ projectId: "batchdeck-lab", regions: ["asia-northeast1"] });
  const { projectId } = project;
  const nowMs = cloud.nowMs();
  const fromMs = nowMs - HISTORY_DAYS * DAY_MS;
  const job = cloud.createJob({ projectId, name: "lab-batch", image: "asia-northeast1-docker.pkg.dev/batchdeck-lab/lab/lab-batch:2.3.0", env: { BATCH: "no1", LOG_LEVEL: "info" }, cpu: "1", memory: "512Mi", taskCount: 1, failureRate: 0.1 });
  job.createMs = fromMs - DAY_MS;
  job.updateMs = fromMs - DAY_MS;
  const service = cloud.createService({ projectId, name: "account-service", image: "asia-northeast1-docker.pkg.dev/batchdeck-lab/lab/account-service:1.8.1", requestsPerHour: 40 });
  service.createMs = fromMs - DAY_MS;
  service.trafficUntilMs = fromMs;
  const schedules = [
    cloud.createSchedulerJob({ projectId, name: "lab-batch-no1", job: "lab-batch", schedule: "0 */6 * * *", timeZone: "Asia/Tokyo", env: { BATCH: "no1" }, description: "Batch no1 every six hours" }),
    cloud.createSchedulerJob({ projectId, name: "lab-batch-no2", job: "lab-batch", schedule: "30 2 * * *", timeZone: "Asia/Tokyo", env: { BATCH: "no2" }, description: "Batch no2 nightly" }),
  ];
  for (const s of schedules) {
    s.userUpdateMs = fromMs - DAY_MS;
    s.checkedUntilMs = fromMs;
  }
  // Replays three weeks: the schedules fire in order, the executions end in the past, the traffic is logged.
  cloud.catchUp();
  // A manual run of batch no2 going on right now.
  cloud.runJob(job, { env: [{ name: "BATCH", value: "no2" }, { name: "SIM_DURATION_SECONDS", value: "300" }] }, nowMs - 20_000);
  return { projectId, regions: project.regions, key: project.key };
}
