-- CreateTable
CREATE TABLE "job_monthly_rollups" (
    "job_id" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "account_id" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "runs" INTEGER NOT NULL,
    "cost_micros" BIGINT NOT NULL,

    CONSTRAINT "job_monthly_rollups_pkey" PRIMARY KEY ("job_id","month")
);

-- CreateIndex
CREATE INDEX "job_monthly_rollups_month_idx" ON "job_monthly_rollups"("month");

-- AddForeignKey
ALTER TABLE "job_monthly_rollups" ADD CONSTRAINT "job_monthly_rollups_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Kept from job_daily_rollups by a trigger rather than by each writer: the sync's rollup refresh, the
-- pricing's cost refresh and any bulk load all write the daily rows, and none can then forget the
-- monthly ones. Each daily row's change is added to its month as a difference (O(1) a row, no
-- re-aggregation); writers of one job's rollups already take turns (lib/catalog/rollups.ts).
CREATE FUNCTION job_monthly_rollups_add(p_job_id TEXT, p_day DATE, p_account_id TEXT, p_days INTEGER, p_runs INTEGER, p_cost BIGINT)
RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  m DATE := date_trunc('month', p_day::timestamp)::date;
BEGIN
  IF p_days > 0 THEN
    INSERT INTO job_monthly_rollups (job_id, month, account_id, days, runs, cost_micros)
    VALUES (p_job_id, m, p_account_id, p_days, p_runs, p_cost)
    ON CONFLICT (job_id, month) DO UPDATE SET account_id = excluded.account_id, days = job_monthly_rollups.days + excluded.days,
      runs = job_monthly_rollups.runs + excluded.runs, cost_micros = job_monthly_rollups.cost_micros + excluded.cost_micros;
  ELSE
    -- A day already counted changed, or went: its month's row exists, unless the job's delete cascaded to it first.
    UPDATE job_monthly_rollups SET days = days + p_days, runs = runs + p_runs, cost_micros = cost_micros + p_cost
    WHERE job_id = p_job_id AND month = m;
    DELETE FROM job_monthly_rollups WHERE job_id = p_job_id AND month = m AND days = 0;
  END IF;
END $$;

CREATE FUNCTION job_daily_rollups_to_monthly() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.job_id = NEW.job_id AND OLD.day = NEW.day THEN
    IF OLD.runs <> NEW.runs OR OLD.cost_micros <> NEW.cost_micros THEN
      PERFORM job_monthly_rollups_add(NEW.job_id, NEW.day, NEW.account_id, 0, NEW.runs - OLD.runs, NEW.cost_micros - OLD.cost_micros);
    END IF;
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM job_monthly_rollups_add(OLD.job_id, OLD.day, OLD.account_id, -1, -OLD.runs, -OLD.cost_micros);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM job_monthly_rollups_add(NEW.job_id, NEW.day, NEW.account_id, 1, NEW.runs, NEW.cost_micros);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER job_daily_rollups_to_monthly AFTER INSERT OR UPDATE OR DELETE ON job_daily_rollups
FOR EACH ROW EXECUTE FUNCTION job_daily_rollups_to_monthly();

-- The months of the rollups already kept.
INSERT INTO job_monthly_rollups (job_id, month, account_id, days, runs, cost_micros)
SELECT job_id, date_trunc('month', day::timestamp)::date, min(account_id), count(*)::int, sum(runs)::int, sum(cost_micros)::bigint
FROM job_daily_rollups GROUP BY job_id, date_trunc('month', day::timestamp)::date;
