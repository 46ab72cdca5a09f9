import type { SimCatalogAccount, SimCloudFactory } from "../core/cloud";
import { GcpCloud, type CreateJobOptions, type CreateProjectOptions, type CreateSchedulerJobOptions, type CreateServiceOptions } from "./cloud";
import { gcpControl } from "./control";
import { seedGcpDemo, type GcpDemoProject } from "./demo";
import type { ServiceAccountKeyJson } from "./keys";
import { loggingService } from "./logging";
import type { RunExecution } from "./model";
import { oauthService } from "./oauth";
import { runService } from "./run";
import { schedulerService } from "./scheduler";
import { requestCounts } from "./traffic";

// The simulator's Google Cloud side as one SimCloud (sim/core/cloud.ts). Its APIs answer on their own
// paths (/v2/projects/… Run, /v2/entries:list Logging, /v1/projects/… Scheduler, /token OAuth) because the
// Google clients take a host and a port but no path.

/** Each API's endpoint, "https://127.0.0.1:<port>": the adapter passes host and port to the clients separately. */
export interface GcpEndpoints {
  run: string;
  scheduler: string;
  logging: string;
}

export interface GcpSimApi {
  endpoints: GcpEndpoints;
  demoAccount: GcpDemoProject;
  createProject(opts?: CreateProjectOptions): GcpDemoProject;
  createJob(opts: CreateJobOptions): { name: string };
  createService(opts: CreateServiceOptions): { name: string };
  createSchedulerJob(opts: CreateSchedulerJobOptions): { name: string };
  /** A new key for the project's service account (the JSON Google hands out, token_uri on the simulator). */
  issueKey(projectId: string): ServiceAccountKeyJson;
  /** Deletes the key: its JWTs and the access tokens it obtained stop working. */
  revokeKey(keyId: string): void;
  setLogQuota(projectId: string, perMinute: number): void;
  /** As if the job were run (by a trigger or the console), at `atMs` (default now). */
  startExecution(projectId: string, job: string, env?: Record<string, string>, atMs?: number): { name: string };
  /** The executions Cloud Run still keeps, oldest first. */
  executions(projectId: string): RunExecution[];
  /** Ground truth: a service's requests per UTC day, from its request logs. */
  requestCounts(projectId: string, service: string): Record<string, number>;
  /** A project as the app's catalog stores it (the demo account's shape). */
  catalogAccount(project: GcpDemoProject, name?: string): SimCatalogAccount;
}

export const gcpSimCloud: SimCloudFactory<GcpSimApi> = ({ clock, random, base }) => {
  let demo: GcpDemoProject | undefined;
  const tokenUri = () => `${base()}/token`;
  const cloud = new GcpCloud(clock, random, tokenUri);
  clock.onChange(() => cloud.catchUp());
  const endpoints = (): GcpEndpoints => ({ run: base(), scheduler: base(), logging: base() });
  const catalogAccount = (p: GcpDemoProject, name = "Google Cloud lab (simulated)"): SimCatalogAccount => ({
    name,
    cloud: "gcp",
    settings: { projectId: p.projectId, regions: p.regions },
    endpoints: endpoints(),
    credentials: { serviceAccountKey: JSON.stringify(p.key) },
  });
  return {
    services: [runService(cloud), loggingService(cloud), schedulerService(cloud), oauthService(cloud, tokenUri)],
    control: (req) => gcpControl(cloud, req),
    catchUp: () => cloud.catchUp(),
    // The OAuth JWT-bearer form: the signed assertion is a credential.
    secretFields: ["assertion"],
    start(scenario) {
      if (scenario === "demo") demo = seedGcpDemo(cloud);
      else {
        const p = cloud.createProject({ projectId: "batchdeck-lab", regions: ["asia-northeast1"] });
        demo = { projectId: p.projectId, regions: p.regions, key: p.key };
      }
      return {
        endpoints: endpoints(),
        demoAccount: demo,
        createProject: (o) => {
          const p = cloud.createProject(o);
          return { projectId: p.projectId, regions: p.regions, key: p.key };
        },
        createJob: (o) => ({ name: cloud.createJob(o).name }),
        createService: (o) => ({ name: cloud.createService(o).name }),
        createSchedulerJob: (o) => ({ name: cloud.createSchedulerJob(o).name }),
        issueKey: (projectId) => cloud.issueKey(projectId),
        revokeKey: (keyId) => cloud.keys.revoke(keyId),
        setLogQuota: (projectId, perMinute) => void (cloud.project(projectId).logQuotaPerMinute = perMinute),
        startExecution: (projectId, job, env = {}, atMs) => {
          const found = cloud.jobs.find((j) => j.projectId === projectId && j.name === job);
          if (!found) throw new Error(`no job ${job} in ${projectId}`);
          return { name: cloud.runJob(found, { env: Object.entries(env).map(([name, value]) => ({ name, value })) }, atMs).name };
        },
        executions: (projectId) => cloud.executions.filter((e) => e.projectId === projectId).sort((a, b) => a.createMs - b.createMs),
        requestCounts: (projectId, service) => requestCounts(cloud, projectId, service),
        catalogAccount,
      };
    },
    demoCatalogAccount() {
      if (!demo) throw new Error("The Google Cloud simulator has not started yet.");
      return catalogAccount(demo);
    },
  };
};
