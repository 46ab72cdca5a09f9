-- CreateEnum
CREATE TYPE "Role" AS ENUM ('owner', 'admin', 'operator', 'viewer');

-- CreateEnum
CREATE TYPE "Cloud" AS ENUM ('azure', 'aws', 'gcp');

-- CreateEnum
CREATE TYPE "SyncState" AS ENUM ('never', 'syncing', 'ok', 'error');

-- CreateEnum
CREATE TYPE "JobKind" AS ENUM ('job', 'service');

-- CreateEnum
CREATE TYPE "TriggerKind" AS ENUM ('manual', 'schedule', 'event');

-- CreateEnum
CREATE TYPE "ExecutionStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'stopped', 'unknown');

-- CreateEnum
CREATE TYPE "TriggeredBy" AS ENUM ('user', 'trigger', 'event', 'external');

-- CreateEnum
CREATE TYPE "ActionKind" AS ENUM ('start', 'stop', 'redeploy', 'send_message');

-- CreateEnum
CREATE TYPE "ActionState" AS ENUM ('pending', 'in_progress', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "AuditResult" AS ENUM ('ok', 'denied', 'error');

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "image" TEXT,
    "email_verified" TIMESTAMPTZ(3),
    "role" "Role" NOT NULL DEFAULT 'viewer',
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "currency_rate" DECIMAL(18,6),
    "last_sign_in_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth_accounts" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_account_id" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,

    CONSTRAINT "auth_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "session_token" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invitations" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "token" TEXT NOT NULL,
    "invited_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "accepted_by_id" TEXT,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cloud_accounts" (
    "id" TEXT NOT NULL,
    "cloud" "Cloud" NOT NULL,
    "name" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "endpoints" JSONB,
    "credentials_cipher" BYTEA,
    "credentials_key_id" TEXT,
    "read_only" BOOLEAN NOT NULL DEFAULT false,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "sync_state" "SyncState" NOT NULL DEFAULT 'never',
    "last_sync_started_at" TIMESTAMPTZ(3),
    "last_synced_at" TIMESTAMPTZ(3),
    "last_error_kind" TEXT,
    "last_error" TEXT,
    "sync_cursor" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cloud_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "jobs" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "JobKind" NOT NULL DEFAULT 'job',
    "region" TEXT,
    "image" TEXT,
    "milli_vcpu" INTEGER,
    "memory_mib" INTEGER,
    "batch_env_var" TEXT,
    "env" JSONB,
    "raw" JSONB,
    "gone_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "triggers" (
    "id" TEXT NOT NULL,
    "job_id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "kind" "TriggerKind" NOT NULL,
    "expression" TEXT,
    "batch" TEXT,
    "overrides" JSONB,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "triggers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "executions" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "job_id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "batch" TEXT,
    "status" "ExecutionStatus" NOT NULL,
    "provider_status" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "exit_code" INTEGER,
    "milli_vcpu" INTEGER,
    "memory_mib" INTEGER,
    "image" TEXT,
    "triggered_by" "TriggeredBy" NOT NULL,
    "trigger_inferred" BOOLEAN NOT NULL DEFAULT false,
    "trigger_id" TEXT,
    "actor_id" TEXT,
    "request_key" TEXT,
    "overrides" JSONB,
    "cost_micros" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "executions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "action_requests" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "action" "ActionKind" NOT NULL,
    "state" "ActionState" NOT NULL DEFAULT 'pending',
    "actor_id" TEXT,
    "account_id" TEXT NOT NULL,
    "job_id" TEXT,
    "execution_provider_id" TEXT,
    "params" JSONB,
    "result" JSONB,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "action_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployments" (
    "id" TEXT NOT NULL,
    "job_id" TEXT NOT NULL,
    "actor_id" TEXT,
    "from_image" TEXT,
    "to_image" TEXT NOT NULL,
    "state" "ActionState" NOT NULL DEFAULT 'pending',
    "action_request_id" TEXT,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "deployments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" TEXT,
    "actor_email" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "target" TEXT,
    "result" "AuditResult" NOT NULL,
    "detail" JSONB,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "usage_samples" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "requests" BIGINT NOT NULL DEFAULT 0,
    "vcpu_milli_seconds" BIGINT NOT NULL DEFAULT 0,
    "gib_milli_seconds" BIGINT NOT NULL DEFAULT 0,
    "operations" BIGINT NOT NULL DEFAULT 0,
    "log_bytes" BIGINT NOT NULL DEFAULT 0,
    "cost_micros" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "usage_samples_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "log_cache" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "lines" JSONB NOT NULL,
    "next_cursor" TEXT,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "log_cache_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "auth_accounts_user_id_idx" ON "auth_accounts"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "auth_accounts_provider_provider_account_id_key" ON "auth_accounts"("provider", "provider_account_id");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_session_token_key" ON "sessions"("session_token");

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_token_key" ON "invitations"("token");

-- CreateIndex
CREATE INDEX "invitations_email_idx" ON "invitations"("email");

-- CreateIndex
CREATE UNIQUE INDEX "cloud_accounts_name_key" ON "cloud_accounts"("name");

-- CreateIndex
CREATE INDEX "jobs_name_idx" ON "jobs"("name");

-- CreateIndex
CREATE UNIQUE INDEX "jobs_account_id_provider_id_key" ON "jobs"("account_id", "provider_id");

-- CreateIndex
CREATE UNIQUE INDEX "triggers_job_id_provider_id_key" ON "triggers"("job_id", "provider_id");

-- CreateIndex
CREATE INDEX "executions_job_id_started_at_idx" ON "executions"("job_id", "started_at" DESC);

-- CreateIndex
CREATE INDEX "executions_job_id_batch_started_at_idx" ON "executions"("job_id", "batch", "started_at" DESC);

-- CreateIndex
CREATE INDEX "executions_status_started_at_idx" ON "executions"("status", "started_at" DESC);

-- CreateIndex
CREATE INDEX "executions_started_at_idx" ON "executions"("started_at" DESC);

-- CreateIndex
CREATE INDEX "executions_account_id_started_at_idx" ON "executions"("account_id", "started_at" DESC);

-- CreateIndex
CREATE INDEX "executions_request_key_idx" ON "executions"("request_key");

-- CreateIndex
CREATE UNIQUE INDEX "executions_account_id_provider_id_key" ON "executions"("account_id", "provider_id");

-- CreateIndex
CREATE UNIQUE INDEX "action_requests_key_key" ON "action_requests"("key");

-- CreateIndex
CREATE INDEX "action_requests_account_id_created_at_idx" ON "action_requests"("account_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "deployments_action_request_id_key" ON "deployments"("action_request_id");

-- CreateIndex
CREATE INDEX "deployments_job_id_created_at_idx" ON "deployments"("job_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_at_idx" ON "audit_events"("at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_action_at_idx" ON "audit_events"("action", "at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_result_at_idx" ON "audit_events"("result", "at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_actor_id_at_idx" ON "audit_events"("actor_id", "at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "usage_samples_account_id_day_key" ON "usage_samples"("account_id", "day");

-- CreateIndex
CREATE UNIQUE INDEX "log_cache_account_id_key_key" ON "log_cache"("account_id", "key");

-- AddForeignKey
ALTER TABLE "auth_accounts" ADD CONSTRAINT "auth_accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_by_id_fkey" FOREIGN KEY ("accepted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "cloud_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "triggers" ADD CONSTRAINT "triggers_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "executions" ADD CONSTRAINT "executions_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "cloud_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "executions" ADD CONSTRAINT "executions_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "executions" ADD CONSTRAINT "executions_trigger_id_fkey" FOREIGN KEY ("trigger_id") REFERENCES "triggers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "executions" ADD CONSTRAINT "executions_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "action_requests" ADD CONSTRAINT "action_requests_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "action_requests" ADD CONSTRAINT "action_requests_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "cloud_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_samples" ADD CONSTRAINT "usage_samples_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "cloud_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "log_cache" ADD CONSTRAINT "log_cache_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "cloud_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
