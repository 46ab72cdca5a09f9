-- Per-account retention of run history (issue 8). Null keeps everything, the default.
ALTER TABLE "cloud_accounts" ADD COLUMN     "purged_before" TIMESTAMPTZ(3),
ADD COLUMN     "retention_days" INTEGER;

-- The service validates the same bounds with a message. This keeps a hand-edited row from purging
-- everything (a retention of 0 days).
ALTER TABLE "cloud_accounts" ADD CONSTRAINT "cloud_accounts_retention_days_range" CHECK ("retention_days" IS NULL OR "retention_days" BETWEEN 7 AND 3650);
