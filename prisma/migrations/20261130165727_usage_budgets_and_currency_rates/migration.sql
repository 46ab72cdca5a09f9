-- CreateTable
CREATE TABLE "usage_budgets" (
    "holder_key" TEXT NOT NULL,
    "monthly_micros" BIGINT NOT NULL,
    "set_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "set_by" TEXT NOT NULL,

    CONSTRAINT "usage_budgets_pkey" PRIMARY KEY ("holder_key")
);

-- CreateTable
CREATE TABLE "currency_rates" (
    "currency" TEXT NOT NULL,
    "per_usd_millionths" BIGINT NOT NULL,
    "set_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "set_by" TEXT NOT NULL,

    CONSTRAINT "currency_rates_pkey" PRIMARY KEY ("currency")
);
