-- AlterTable
ALTER TABLE "jobs" ADD COLUMN     "cpu_architecture" TEXT;

-- CreateTable
CREATE TABLE "price_overrides" (
    "id" TEXT NOT NULL,
    "cloud" "Cloud" NOT NULL,
    "meter" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "architecture" TEXT NOT NULL DEFAULT '',
    "nano_usd" BIGINT NOT NULL,
    "set_by_id" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "price_overrides_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "price_overrides_cloud_meter_region_architecture_key" ON "price_overrides"("cloud", "meter", "region", "architecture");
