// npm run feeds:demo: serves the demo iCal feeds (healthy and every failure mode) on 127.0.0.1:DEMO_FEEDS_PORT.
// Each failing feed answers well once first, so the demo shows stays put at risk by a calendar that broke.
import { getConfig } from "../src/server/config";
import { startDemoFeedServer, DEMO_SCENARIOS } from "../src/demo/demo-feed-server";
import { runMain } from "./lib";

runMain(async () => {
  const { demo } = getConfig();
  const server = await startDemoFeedServer({ port: demo.feedsPort, healthyFirst: true });
  console.log(`Demo feeds at ${server.baseUrl}/<scenario>/<listingId>.ics — scenarios: ${DEMO_SCENARIOS.join(", ")}`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await server.close();
});
