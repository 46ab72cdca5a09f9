import { defineConfig } from "prisma/config";

// The CLI is only used for `generate` (the schema engine binary can't be downloaded here);
// migrations run through scripts/migrate.ts. A placeholder URL keeps `generate` working
// without DATABASE_URL (Prisma's env() helper throws when the variable is unset).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://placeholder@localhost/placeholder" },
});
