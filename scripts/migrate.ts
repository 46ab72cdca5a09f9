// npm run db:migrate            apply pending migrations (to DATABASE_URL, else the embedded server)
// npm run db:new-migration NAME write a migration from the difference between schema.prisma and prisma/migrations
import { applyMigrations, createMigration } from "../lib/db/migrations";
import { withDatabase } from "../lib/db/embedded-server";

const [command, name] = process.argv.slice(2);

if (command === "new") {
  if (!name) {
    console.error("Usage: npm run db:new-migration -- <name>   (e.g. add_job_labels)");
    process.exit(2);
  }
  const dir = await createMigration(name);
  console.log(dir ? `Wrote ${dir}/migration.sql — review it, then commit it.` : "schema.prisma and prisma/migrations already agree; nothing written.");
  process.exit(0);
}

await withDatabase(async (url) => {
  const applied = await applyMigrations(url);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
});
process.exit(0);
