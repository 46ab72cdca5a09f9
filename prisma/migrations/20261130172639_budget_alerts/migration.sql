-- CreateTable
CREATE TABLE "budget_alerts" (
    "id" TEXT NOT NULL,
    "holder_key" TEXT NOT NULL,
    "holder_name" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "threshold" TEXT NOT NULL,
    "cost_micros" BIGINT NOT NULL,
    "forecast_micros" BIGINT NOT NULL,
    "budget_micros" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "budget_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget_alert_deliveries" (
    "id" TEXT NOT NULL,
    "budget_alert_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "status" "AlertDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempt_count" INTEGER NOT NULL DEFAULT 0,
    "lease_until" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "detail" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "budget_alert_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "budget_alerts_holder_key_month_threshold_key" ON "budget_alerts"("holder_key", "month", "threshold");

-- CreateIndex
CREATE INDEX "budget_alert_deliveries_status_updated_at_idx" ON "budget_alert_deliveries"("status", "updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "budget_alert_deliveries_channel_id_budget_alert_id_key" ON "budget_alert_deliveries"("channel_id", "budget_alert_id");

-- AddForeignKey
ALTER TABLE "budget_alert_deliveries" ADD CONSTRAINT "budget_alert_deliveries_budget_alert_id_fkey" FOREIGN KEY ("budget_alert_id") REFERENCES "budget_alerts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget_alert_deliveries" ADD CONSTRAINT "budget_alert_deliveries_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "alert_channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;
