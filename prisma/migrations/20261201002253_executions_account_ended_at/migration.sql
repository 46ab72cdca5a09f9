-- CreateIndex
CREATE INDEX "executions_account_id_ended_at_idx" ON "executions"("account_id", "ended_at");
