-- AlterTable
ALTER TABLE "cloud_accounts" ADD COLUMN     "billing_group" TEXT;

-- AlterTable
ALTER TABLE "job_daily_rollups" ADD COLUMN     "cost_micros" BIGINT NOT NULL DEFAULT 0;
