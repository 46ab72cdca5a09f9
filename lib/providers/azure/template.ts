import type { Container, EnvironmentVar, InitContainer, Job, JobExecutionContainer, JobExecutionTemplate, JobTemplate } from "@azure/arm-appcontainers";
import { REQUEST_KEY_ENV, type EnvVars } from "../types";
import { ProviderError } from "../errors";

// Request bodies built from a job's current definition. Pure, so the exact bytes we send are tested.

function executionContainer(c: Container | InitContainer, env: EnvironmentVar[] | undefined): JobExecutionContainer {
  return {
    image: c.image,
    name: c.name,
    ...(c.command ? { command: c.command } : {}),
    ...(c.args ? { args: c.args } : {}),
    ...(env && env.length > 0 ? { env } : {}),
    ...(c.resources ? { resources: { cpu: c.resources.cpu, memory: c.resources.memory } } : {}),
  };
}

/** The job's env with `overrides` applied: changed entries keep their place, secretRef entries are kept as they are. */
export function applyEnvOverrides(env: EnvironmentVar[] | undefined, overrides: EnvVars): EnvironmentVar[] {
  const remaining = new Map(Object.entries(overrides));
  const out: EnvironmentVar[] = [];
  for (const entry of env ?? []) {
    if (entry.name !== undefined && remaining.has(entry.name)) {
      out.push({ name: entry.name, value: remaining.get(entry.name) });
      remaining.delete(entry.name);
    } else {
      // `!= null`: Azure may answer the unused one of value/secretRef as an explicit null.
      out.push(entry.secretRef != null ? { name: entry.name, secretRef: entry.secretRef } : { name: entry.name, value: entry.value ?? "" });
    }
  }
  for (const [name, value] of remaining) out.push({ name, value });
  return out;
}

/**
 * The `template` of POST …/jobs/{job}/start. A start template REPLACES the job's whole template for
 * that run (learn.microsoft.com, "Jobs in Azure Container Apps", starting an execution with a changed
 * configuration; JobsStartOptionalParams.template in the SDK), so it carries every container with its
 * image, resources, command, args and full env, changed only by the overrides and the request key.
 * Init containers are copied unchanged.
 */
export function buildStartTemplate(job: Job, overrides: EnvVars, requestKey: string): JobExecutionTemplate {
  const containers = job.template?.containers ?? [];
  if (containers.length === 0) {
    throw new ProviderError("invalid_request", `Job ${job.name ?? ""} has no containers in its template, so it can't be started with overrides.`, {
      providerCode: "NoContainers",
    });
  }
  const stamped = { ...overrides, [REQUEST_KEY_ENV]: requestKey };
  const template: JobExecutionTemplate = {
    containers: containers.map((c) => executionContainer(c, applyEnvOverrides(c.env, stamped))),
  };
  const init = job.template?.initContainers ?? [];
  if (init.length > 0) template.initContainers = init.map((c) => executionContainer(c, c.env));
  return template;
}

/**
 * A copy without the explicit nulls Azure answers with where nothing is set (`initContainers: null`,
 * `volumes: null`, …; issue #7). Sent back in a PATCH they would be refused ("Cannot deserialize the
 * current JSON value into type List<…>") or, as a JSON merge patch, read as "remove".
 */
function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, withoutNulls(v)])) as T;
}

/**
 * The template for a redeploy PATCH: the job's current template with the first (app) container's image
 * replaced. PATCH replaces arrays whole, so every container, init container and volume is sent back.
 */
export function buildRedeployTemplate(job: Job, image: string): JobTemplate {
  const template = withoutNulls(job.template ?? {});
  const containers = template.containers ?? [];
  const [first, ...rest] = containers;
  if (!first) {
    throw new ProviderError("invalid_request", `Job ${job.name ?? ""} has no containers to redeploy.`, { providerCode: "NoContainers" });
  }
  return { ...template, containers: [{ ...first, image }, ...rest] };
}
