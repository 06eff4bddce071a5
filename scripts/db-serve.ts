// npm run db:serve: owns ./data/pglite and serves it on 127.0.0.1:PGLITE_PORT until stopped.
import { getConfig } from "../src/server/config";
import { openEmbeddedDatabaseServer } from "../src/server/db/pglite-server";
import { runMain } from "./lib";

runMain(async () => {
  const { database } = getConfig();
  if (database.url) {
    console.error("DATABASE_URL is set: there is no embedded database to serve.");
    return 2;
  }
  const server = await openEmbeddedDatabaseServer({
    dataDir: database.pgliteDir,
    port: database.pglitePort,
    workerShare: database.workerSharePercent / 100,
  });
  await server.start();
  console.log(`Embedded database ${database.pgliteDir} served at ${server.url}`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await server.stop();
});
