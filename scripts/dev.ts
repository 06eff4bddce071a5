// npm run dev: the embedded database (served to the other processes), demo data, the Next.js dev server,
// the demo iCal feeds and the worker, so the demo lives on its own.
import { spawn, type ChildProcess } from "node:child_process";
import { getConfig } from "../src/server/config";
import { openEmbeddedDatabaseServer, type EmbeddedDatabaseServer } from "../src/server/db/pglite-server";
import { describeDemoAccounts } from "../src/demo/demo-data";
import { seedDemoData } from "../src/demo/seed-demo-data";
import { seedDemoHistory } from "../src/demo/seed-demo-history";
import { DEMO_API_KEY_NAME, seedDemoApiKey } from "../src/demo/seed-demo-api-key";
import { loadDemoPlatform } from "../src/demo/load-demo-platform";
import { runMain } from "./lib";
import { systemContext } from "../src/server/service-context";

const children: ChildProcess[] = [];

function start(name: string, command: string, args: string[]): Promise<number> {
  const child = spawn(command, args, { stdio: "inherit", env: process.env });
  children.push(child);
  return new Promise((resolve) =>
    child.on("exit", (code, signal) => {
      console.log(`[dev] ${name} exited (${signal ?? code})`);
      resolve(code ?? 1);
    }),
  );
}

runMain(async () => {
  // The demo feeds live on 127.0.0.1 and 127.0.0.2 (the outage provider), which the SSRF guard refuses unless allow-listed.
  process.env.CALENDAR_FETCH_ALLOW_HOSTS ||= "127.0.0.1,127.0.0.2";
  // A short interval so a newcomer sees demo feeds break, alerts open and escalate within minutes.
  process.env.SYNC_INTERVAL_MINUTES ||= "2";
  // The demo has three hosts; its outage provider's ten listings are theirs. Production asks five owners (2 feeds each).
  process.env.PROVIDER_INCIDENT_MIN_OWNERS ||= "3";
  process.env.PROVIDER_INCIDENT_MAX_FEEDS_PER_OWNER ||= "4";
  // The simulated Airbnb reads every 2 minutes and skips one listing from minute 5 to 15: unread for 6 minutes, its
  // export alert opens around minute 11; unread for 15 it would escalate, but the reads come back first.
  process.env.EXPORT_STALE_HOURS ||= "0.1";
  process.env.EXPORT_ESCALATE_HOURS ||= "0.25";
  const config = getConfig();
  let database: EmbeddedDatabaseServer | undefined;
  let demoKey: string | null = null;
  if (!config.database.url) {
    const server = await openEmbeddedDatabaseServer({
      dataDir: config.database.pgliteDir,
      port: config.database.pglitePort,
      workerShare: config.database.workerSharePercent / 100,
    });
    // Seeding happens before serving starts: PGlite has one connection and socket clients share it.
    const summary = await seedDemoData(systemContext(server.handle.db, "cli"), {
      feedsBaseUrl: config.demo.feedsBaseUrl,
    });
    // Thirty days of past (once), so the chart and the history have something to show on the first visit.
    const history = await seedDemoHistory(systemContext(server.handle.db, "cli"));
    const apiKey = await seedDemoApiKey(systemContext(server.handle.db, "cli"));
    await server.start();
    database = server;
    console.log(`[dev] embedded database ${config.database.pgliteDir} served at ${server.url}`);
    console.log(
      `[dev] demo data: ${summary.usersCreated} users, ${summary.listingsCreated} listings, ${summary.feedsCreated} feeds created; ${history.alerts} past alerts`,
    );
    console.log(describeDemoAccounts());
    // Shown on the first start only: the key is stored hashed (« Intégrations » shows its prefix).
    if (apiKey) console.log(`Demo API key « ${DEMO_API_KEY_NAME} » (every scope; shown this once): ${apiKey}`);
    demoKey = apiKey;
  }

  const stopAll = () => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  };
  process.once("SIGINT", stopAll);
  process.once("SIGTERM", stopAll);

  const exits = [
    // Loopback unless HOSTNAME says otherwise: the demo's accounts have public passwords.
    start("next", "node_modules/.bin/next", [
      "dev",
      "--hostname",
      process.env.HOSTNAME ?? "127.0.0.1",
      "--port",
      process.env.PORT ?? "3000",
    ]),
    start("feeds", "node_modules/.bin/tsx", ["scripts/feeds-demo.ts"]),
    start("worker", "node_modules/.bin/tsx", ["scripts/worker.ts"]),
    start("export-reader", "node_modules/.bin/tsx", ["scripts/export-reader-demo.ts"]),
  ];
  // The first start only (the key is shown once): the platform's ten listings arrive as a platform would send them.
  if (demoKey) void bringInDemoPlatform(demoKey);
  const firstExit = await Promise.race(exits);
  stopAll();
  await Promise.all(exits);
  await database?.stop();
  return firstExit;
});

async function bringInDemoPlatform(key: string): Promise<void> {
  const appUrl = `http://127.0.0.1:${process.env.PORT ?? "3000"}`;
  const { demo } = getConfig();
  try {
    // Once the app and the demo feeds answer (the first request also compiles the route under next dev).
    for (let attempt = 0; attempt < 240; attempt++) {
      const ready = await Promise.all([
        fetch(`${appUrl}/api/health`),
        fetch(`${demo.feedsBaseUrl}/airbnb/ping.ics`),
      ]).then(
        (answers) => answers.every((answer) => answer.ok),
        () => false,
      );
      if (ready) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const summary = await loadDemoPlatform({ appUrl, key, feedsBaseUrl: demo.feedsBaseUrl });
    console.log(
      `[dev] the platform's catalogue through the integration API: listings ${JSON.stringify(summary.listings)}, ${summary.feeds} Airbnb feeds, reservations ${JSON.stringify(summary.reservations)}`,
    );
  } catch (error) {
    console.error(
      `[dev] the platform's catalogue could not be brought in: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
