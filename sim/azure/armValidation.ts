import { isRecord } from "../core/http";
import { ArmError, armErrors } from "./armErrors";
import { parseCron } from "./cron";
import type { Job, Json } from "./model";

// Request validation for start and PATCH, answering like the Container Apps RP: ARM's own
// InvalidRequestContent when the JSON does not fit the schema's types, InvalidParameterValue when
// a value is wrong (Jobs.json: JobExecutionTemplate, JobPatchProperties).

export function validateStartTemplate(body: Json): void {
  for (const key of Object.keys(body)) {
    if (key !== "containers" && key !== "initContainers") throw armErrors.invalidContent(`Could not find member '${key}' on object of type 'JobExecutionTemplate'. Path '${key}'`);
  }
  validateContainers(body.containers, "containers", true);
  validateContainers(body.initContainers, "initContainers", false);
}

export function validateJobPatch(body: Json, job: Job): void {
  const properties = body.properties;
  if (properties === undefined) return;
  if (!isRecord(properties)) throw armErrors.invalidContent("Error converting value to type 'JobPatchProperties.properties'. Path 'properties'");
  if (properties.template !== undefined) {
    if (!isRecord(properties.template)) throw armErrors.invalidContent("Path 'properties.template' must be an object");
    validateContainers(properties.template.containers, "properties.template.containers", true);
    validateContainers(properties.template.initContainers, "properties.template.initContainers", false);
  }
  const configuration = properties.configuration;
  if (configuration !== undefined) {
    if (!isRecord(configuration)) throw armErrors.invalidContent("Path 'properties.configuration' must be an object");
    const trigger = configuration.triggerType;
    if (trigger !== undefined && trigger !== job.configuration.triggerType) {
      throw armErrors.invalidValue(`The trigger type of Container Apps Job '${job.name}' cannot be changed from '${String(job.configuration.triggerType)}' to '${String(trigger)}' by the simulator.`);
    }
    const schedule = configuration.scheduleTriggerConfig;
    if (isRecord(schedule) && schedule.cronExpression !== undefined) {
      try {
        parseCron(String(schedule.cronExpression));
      } catch (error) {
        throw armErrors.invalidValue(`Invalid cronExpression: ${(error as Error).message}`);
      }
    }
  }
}

function validateContainers(value: unknown, path: string, required: boolean): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) throw armErrors.invalidContent(`Cannot deserialize the current JSON value into type 'List<JobExecutionContainer>'. Path '${path}'`);
  if (required && value.length === 0) throw armErrors.invalidValue(`Property '${path}' must contain at least one container.`);
  value.forEach((container, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(container)) throw armErrors.invalidContent(`Expected an object. Path '${at}'`);
    for (const key of ["image", "name"] as const) {
      if (typeof container[key] !== "string" || container[key] === "") {
        throw new ArmError(400, "InvalidParameterValue", `Container '${at}' must have a non-empty '${key}'.`);
      }
    }
    for (const key of ["command", "args"] as const) {
      const list = container[key];
      if (list !== undefined && (!Array.isArray(list) || list.some((s) => typeof s !== "string"))) throw armErrors.invalidContent(`Expected an array of strings. Path '${at}.${key}'`);
    }
    const env = container.env;
    if (env !== undefined) {
      if (!Array.isArray(env)) throw armErrors.invalidContent(`Expected an array. Path '${at}.env'`);
      env.forEach((item, j) => {
        const where = `${at}.env[${j}]`;
        if (!isRecord(item) || typeof item.name !== "string" || item.name === "") throw armErrors.invalidValue(`Environment variable '${where}' must have a name.`);
        if (item.value !== undefined && typeof item.value !== "string") throw armErrors.invalidContent(`Expected a string. Path '${where}.value'`);
        if (item.secretRef !== undefined && typeof item.secretRef !== "string") throw armErrors.invalidContent(`Expected a string. Path '${where}.secretRef'`);
      });
    }
    const resources = container.resources;
    if (resources !== undefined) {
      if (!isRecord(resources)) throw armErrors.invalidContent(`Expected an object. Path '${at}.resources'`);
      if (resources.cpu !== undefined && typeof resources.cpu !== "number") throw armErrors.invalidContent(`Expected a number. Path '${at}.resources.cpu'`);
      if (resources.memory !== undefined && typeof resources.memory !== "string") throw armErrors.invalidContent(`Expected a string. Path '${at}.resources.memory'`);
    }
  });
}

/** JSON merge patch (RFC 7396) of the writable parts: objects merge, arrays and values replace. */
export function mergePatch(job: Job, patch: Json): void {
  const properties = isRecord(patch.properties) ? patch.properties : {};
  if (isRecord(properties.configuration)) job.configuration = merge(job.configuration, properties.configuration);
  if (isRecord(properties.template)) job.template = merge(job.template, properties.template);
}

function merge(target: Json, patch: Json): Json {
  const out: Json = structuredClone(target);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (isRecord(value) && isRecord(out[key])) out[key] = merge(out[key] as Json, value);
    else out[key] = structuredClone(value);
  }
  return out;
}
