// npm run db:seed: loads the demo accounts and listings (idempotent). Refuses a PostgreSQL database unless --force.
import { getConfig } from "../src/server/config";
import { closeDb, getDb } from "../src/server/db/client";
import { describeDemoAccounts } from "../src/demo/demo-data";
import { seedDemoData } from "../src/demo/seed-demo-data";
import { hasFlag, runMain } from "./lib";
import { systemContext } from "../src/server/service-context";

runMain(async () => {
  const config = getConfig();
  if ((config.database.url || config.env === "production") && !hasFlag(process.argv.slice(2), "--force")) {
    console.error(
      "Refusing to load demo accounts into a PostgreSQL or production database. Add --force if that is really what you want.",
    );
    return 2;
  }
  const summary = await seedDemoData(systemContext(await getDb(), "cli"), { feedsBaseUrl: config.demo.feedsBaseUrl });
  await closeDb();
  console.log(
    `Demo data: ${summary.usersCreated} users, ${summary.listingsCreated} listings, ${summary.feedsCreated} feeds created.`,
  );
  console.log(describeDemoAccounts());
});
