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
      out.push(entry.secretRef !== undefined ? { name: entry.name, secretRef: entry.secretRef } : { name: entry.name, value: entry.value });
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
 * The template for a redeploy PATCH: the job's current template with the first (app) container's image
 * replaced. PATCH replaces arrays whole, so every container, init container and volume is sent back.
 */
export function buildRedeployTemplate(job: Job, image: string): JobTemplate {
  const template = job.template ?? {};
  const containers = template.containers ?? [];
  const [first, ...rest] = containers;
  if (!first) {
    throw new ProviderError("invalid_request", `Job ${job.name ?? ""} has no containers to redeploy.`, { providerCode: "NoContainers" });
  }
  return { ...template, containers: [{ ...first, image }, ...rest] };
}
