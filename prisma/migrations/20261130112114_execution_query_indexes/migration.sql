-- DropIndex
DROP INDEX "audit_events_action_at_idx";

-- DropIndex
DROP INDEX "audit_events_at_idx";

-- DropIndex
DROP INDEX "audit_events_result_at_idx";

-- DropIndex
DROP INDEX "executions_account_id_started_at_idx";

-- DropIndex
DROP INDEX "executions_job_id_started_at_idx";

-- DropIndex
DROP INDEX "executions_started_at_idx";

-- DropIndex
DROP INDEX "executions_status_started_at_idx";

-- CreateIndex
CREATE INDEX "audit_events_at_id_idx" ON "audit_events"("at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_events_action_at_id_idx" ON "audit_events"("action", "at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_events_result_at_id_idx" ON "audit_events"("result", "at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "executions_started_at_id_idx" ON "executions"("started_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "executions_batch_started_at_id_idx" ON "executions"("batch", "started_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "executions_status_started_at_id_idx" ON "executions"("status", "started_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "executions_job_id_started_at_id_idx" ON "executions"("job_id", "started_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "executions_account_id_started_at_id_idx" ON "executions"("account_id", "started_at" DESC, "id" DESC);
