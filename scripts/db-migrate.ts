// npm run db:migrate: applies pending migrations to PostgreSQL (DATABASE_URL) or the embedded database.
import { getConfig } from "../src/server/config";
import { connectDatabase } from "../src/server/db/connect";
import { migratePostgres } from "../src/server/db/migrate";
import { runMain } from "./lib";

runMain(async () => {
  const { database } = getConfig();
  if (database.url) {
    await migratePostgres(database.url);
    console.log("Migrations applied to PostgreSQL.");
    return;
  }
  // The embedded database is migrated by whichever process opens it; through a running server it already is.
  const handle = await connectDatabase(database);
  await handle.close();
  console.log(
    `Migrations applied to the embedded database (${handle.kind === "pglite" ? database.pgliteDir : "through its server"}).`,
  );
});
