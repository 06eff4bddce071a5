// npm run feeds:demo: serves the demo iCal feeds (healthy and every failure mode) on 127.0.0.1:DEMO_FEEDS_PORT,
// and a second "provider" on 127.0.0.2 that goes down a few minutes after start and comes back later, so the
// demo shows a provider incident open and close. Each failing feed answers well once first, so the demo shows
// stays put at risk by a calendar that broke.
import { getConfig } from "../src/server/config";
import { startDemoFeedServer, DEMO_SCENARIOS, type DemoFeedServer } from "../src/demo/demo-feed-server";
import { runMain } from "./lib";

const OUTAGE_STARTS_AFTER_MS = 3 * 60_000;
const OUTAGE_LASTS_MS = 10 * 60_000;

runMain(async () => {
  const { demo } = getConfig();
  const server = await startDemoFeedServer({ port: demo.feedsPort, healthyFirst: true });
  console.log(`Demo feeds at ${server.baseUrl}/<scenario>/<listingId>.ics — scenarios: ${DEMO_SCENARIOS.join(", ")}`);
  let outageProvider: DemoFeedServer | undefined;
  const timers: NodeJS.Timeout[] = [];
  try {
    outageProvider = await startDemoFeedServer({ port: demo.feedsPort, host: "127.0.0.2" });
    timers.push(
      setTimeout(() => {
        outageProvider?.setOutage(true);
        console.log(`Demo provider ${outageProvider?.baseUrl} is down (503) for ${OUTAGE_LASTS_MS / 60_000} minutes`);
      }, OUTAGE_STARTS_AFTER_MS),
      setTimeout(() => {
        outageProvider?.setOutage(false);
        console.log(`Demo provider ${outageProvider?.baseUrl} is back`);
      }, OUTAGE_STARTS_AFTER_MS + OUTAGE_LASTS_MS),
    );
    console.log(
      `Demo outage provider at ${outageProvider.baseUrl}: down from minute ${OUTAGE_STARTS_AFTER_MS / 60_000} to ${(OUTAGE_STARTS_AFTER_MS + OUTAGE_LASTS_MS) / 60_000}`,
    );
  } catch (error) {
    // Some systems (macOS) answer only on 127.0.0.1 by default: the demo goes on without its outage provider.
    console.warn(`Demo outage provider not started on 127.0.0.2: ${(error as Error).message}`);
  }
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  for (const timer of timers) clearTimeout(timer);
  await outageProvider?.close();
  await server.close();
});
