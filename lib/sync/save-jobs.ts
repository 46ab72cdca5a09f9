import { db } from "@/lib/db/client";
import type { ProviderJob } from "@/lib/providers/types";
import { redactEnv } from "@/lib/catalog/redact";

// Jobs and their triggers, written in bulk: one statement for the jobs, one for the triggers, one to
// mark the jobs the cloud no longer lists as gone. A row is written only when something in it changed
// (IS DISTINCT FROM over every synced column), so a sync that finds nothing new writes nothing, not even
// updated_at. Ids of new rows come from Postgres (gen_random_uuid), as Prisma's cuid() is client-side.

export interface SavedJob {
  id: string;
  batchEnvName: string | null;
}

export interface SavedJobs {
  /** Provider id → catalog row, for every job the cloud listed. */
  jobs: Map<string, SavedJob>;
  /** `${jobId}\0${trigger providerId}` → trigger id, for every trigger of the account's jobs. */
  triggers: Map<string, string>;
  /** A job is new to the catalog, came back after being gone, or reads its batch from another variable. */
  needsFullListing: boolean;
}

export const triggerKey = (jobId: string, triggerProviderId: string) => `${jobId}\u0000${triggerProviderId}`;

/** One row per provider id (the last one wins): ON CONFLICT cannot update one row twice in a statement. */
export function lastByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

export async function saveJobs(accountId: string, listed: readonly ProviderJob[]): Promise<SavedJobs> {
  const jobs = lastByKey(listed, (j) => j.providerId);
  const before = await db().$queryRaw<{ provider_id: string; batch_env_var: string | null; gone: boolean }[]>`
    select provider_id, batch_env_var, gone_at is not null as gone from jobs where account_id = ${accountId}`;
  const known = new Map(before.map((row) => [row.provider_id, row]));
  const needsFullListing = jobs.some((j) => {
    const row = known.get(j.providerId);
    return !row || row.gone || row.batch_env_var !== (j.batchEnvName ?? null);
  });

  const jobRows = jobs.map((j) => ({
    provider_id: j.providerId,
    name: j.name,
    kind: j.kind,
    region: j.region,
    image: j.image,
    milli_vcpu: j.milliVcpu,
    memory_mib: j.memoryMiB,
    cpu_architecture: j.cpuArchitecture ?? null,
    batch_env_var: j.batchEnvName ?? null,
    env: j.env,
  }));
  await db().$executeRaw`
    insert into jobs as j (id, account_id, provider_id, name, kind, region, image, milli_vcpu, memory_mib, cpu_architecture, batch_env_var, env, gone_at, updated_at)
    select gen_random_uuid()::text, ${accountId}, r.provider_id, r.name, r.kind, r.region, r.image, r.milli_vcpu, r.memory_mib, r.cpu_architecture, r.batch_env_var, r.env, null, now()
    from jsonb_to_recordset(${JSON.stringify(jobRows)}::jsonb) as r(provider_id text, name text, kind "JobKind", region text, image text, milli_vcpu int, memory_mib int, cpu_architecture text, batch_env_var text, env jsonb)
    on conflict (account_id, provider_id) do update set
      name = excluded.name, kind = excluded.kind, region = excluded.region, image = excluded.image, milli_vcpu = excluded.milli_vcpu,
      memory_mib = excluded.memory_mib, cpu_architecture = excluded.cpu_architecture, batch_env_var = excluded.batch_env_var, env = excluded.env,
      gone_at = null, updated_at = excluded.updated_at
    where (j.name, j.kind, j.region, j.image, j.milli_vcpu, j.memory_mib, j.cpu_architecture, j.batch_env_var, j.env, j.gone_at)
      is distinct from (excluded.name, excluded.kind, excluded.region, excluded.image, excluded.milli_vcpu, excluded.memory_mib, excluded.cpu_architecture,
        excluded.batch_env_var, excluded.env, null::timestamptz)`;
  // The catalog keeps a job the cloud no longer lists (its history stays) and says since when it is gone.
  await db().$executeRaw`
    update jobs set gone_at = now(), updated_at = now()
    where account_id = ${accountId} and gone_at is null and provider_id not in (select jsonb_array_elements_text(${JSON.stringify(jobs.map((j) => j.providerId))}::jsonb))`;

  const ids = await db().$queryRaw<{ id: string; provider_id: string }[]>`
    select id, provider_id from jobs where account_id = ${accountId} and gone_at is null`;
  const idOf = new Map(ids.map((row) => [row.provider_id, row.id]));
  const saved = new Map<string, SavedJob>();
  for (const j of jobs) saved.set(j.providerId, { id: idOf.get(j.providerId)!, batchEnvName: j.batchEnvName ?? null });

  const triggerRows = jobs.flatMap((j) =>
    lastByKey(j.triggers, (t) => t.providerId).map((t) => ({
      job_id: saved.get(j.providerId)!.id,
      provider_id: t.providerId,
      kind: t.kind,
      expression: t.expression,
      time_zone: t.timeZone ?? null,
      batch: t.batch,
      // Shown to viewers: secret-looking values are hidden (lib/catalog/redact.ts).
      overrides: redactEnv(t.overrides),
      enabled: t.enabled,
    })),
  );
  await db().$executeRaw`
    insert into triggers as t (id, job_id, provider_id, kind, expression, time_zone, batch, overrides, enabled, updated_at)
    select gen_random_uuid()::text, r.job_id, r.provider_id, r.kind, r.expression, r.time_zone, r.batch, nullif(r.overrides, 'null'::jsonb), r.enabled, now()
    from jsonb_to_recordset(${JSON.stringify(triggerRows)}::jsonb) as r(job_id text, provider_id text, kind "TriggerKind", expression text, time_zone text, batch text, overrides jsonb, enabled boolean)
    on conflict (job_id, provider_id) do update set
      kind = excluded.kind, expression = excluded.expression, time_zone = excluded.time_zone, batch = excluded.batch, overrides = excluded.overrides,
      enabled = excluded.enabled, updated_at = excluded.updated_at
    where (t.kind, t.expression, t.time_zone, t.batch, t.overrides, t.enabled)
      is distinct from (excluded.kind, excluded.expression, excluded.time_zone, excluded.batch, excluded.overrides, excluded.enabled)`;
  const triggerIds = await db().$queryRaw<{ id: string; job_id: string; provider_id: string }[]>`
    select t.id, t.job_id, t.provider_id from triggers t join jobs j on j.id = t.job_id where j.account_id = ${accountId}`;
  const triggers = new Map(triggerIds.map((row) => [triggerKey(row.job_id, row.provider_id), row.id]));
  return { jobs: saved, triggers, needsFullListing };
}
