-- AlterEnum
ALTER TYPE "ActionState" ADD VALUE 'in_doubt';

-- AlterTable
ALTER TABLE "cloud_accounts" ADD COLUMN     "deleted_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "removed_members" (
    "email" TEXT NOT NULL,
    "removed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removed_by_id" TEXT,

    CONSTRAINT "removed_members_pkey" PRIMARY KEY ("email")
);

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key","window_start")
);

-- CreateIndex
CREATE INDEX "rate_limits_window_start_idx" ON "rate_limits"("window_start");

-- Session tokens are stored as their SHA-256 (hex) from now on, so a leaked table cannot be replayed as
-- cookies, and existing sessions keep working because the token in the cookie hashes to the stored value.
UPDATE "sessions" SET "session_token" = encode(sha256(convert_to("session_token", 'UTF8')), 'hex');
