-- AlterTable
ALTER TABLE "triggers" ADD COLUMN     "time_zone" TEXT;
