-- Per job and UTC day rollups of executions (runs by outcome, a histogram of succeeded run durations, billed compute),
-- kept by lib/catalog/rollups.ts in the transaction of every execution write. The index on executions ended_at
-- finds the runs not ended yet, which the usage page reads live.

-- CreateTable
CREATE TABLE "job_daily_rollups" (
    "job_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "account_id" TEXT NOT NULL,
    "runs" INTEGER NOT NULL,
    "succeeded" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "stopped" INTEGER NOT NULL,
    "duration_buckets" INTEGER[],
    "usage_runs" INTEGER NOT NULL,
    "vcpu_milli_seconds" BIGINT NOT NULL,
    "vcpu_unknown_runs" INTEGER NOT NULL,
    "gib_milli_seconds" BIGINT NOT NULL,
    "gib_unknown_runs" INTEGER NOT NULL,

    CONSTRAINT "job_daily_rollups_pkey" PRIMARY KEY ("job_id","day")
);

-- CreateIndex
CREATE INDEX "job_daily_rollups_day_idx" ON "job_daily_rollups"("day");

-- CreateIndex
CREATE INDEX "executions_ended_at_idx" ON "executions"("ended_at");

-- AddForeignKey
ALTER TABLE "job_daily_rollups" ADD CONSTRAINT "job_daily_rollups_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
