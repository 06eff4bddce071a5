// Started by npm run dev: the simulated Airbnb that reads the demo's export links (src/demo/demo-export-reader.ts)
// through the app's own /ical/{token}.ics, with Airbnb's User-Agent. It never stops the demo: errors are logged.
import { getConfig } from "../src/server/config";
import { getDb, installDatabase } from "../src/server/db/client";
import { connectDatabase } from "../src/server/db/connect";
import { BACKGROUND_APPLICATION_PREFIX } from "../src/server/db/pglite-wire-server";
import { systemContext } from "../src/server/service-context";
import {
  DEMO_READER_PLAN,
  DEMO_READER_USER_AGENT,
  DEMO_UNREAD_LISTING,
  demoAirbnbLinks,
  demoReaderReads,
} from "../src/demo/demo-export-reader";
import { runMain } from "./lib";

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

runMain(async () => {
  const config = getConfig();
  installDatabase(
    await connectDatabase({ ...config.database, poolSize: 2, applicationName: BACKGROUND_APPLICATION_PREFIX }),
  );
  const ctx = systemContext(await getDb(), "cli");
  const appUrl = `http://127.0.0.1:${process.env.PORT ?? "3000"}`;
  const stop = new AbortController();
  process.once("SIGINT", () => stop.abort());
  process.once("SIGTERM", () => stop.abort());
  const startedAt = Date.now();
  let told = false;
  console.log(
    `[demo] simulated Airbnb reads the demo's export links every ${DEMO_READER_PLAN.everyMs / 60_000} min; it stops reading ${DEMO_UNREAD_LISTING} from minute ${DEMO_READER_PLAN.stopsAtMs / 60_000} to ${DEMO_READER_PLAN.comesBackAtMs / 60_000}`,
  );
  // Once the app answers (next dev compiles its first routes on demand).
  for (let attempt = 0; attempt < 240 && !stop.signal.aborted; attempt++) {
    if (
      await fetch(`${appUrl}/api/health`).then(
        (answer) => answer.ok,
        () => false,
      )
    )
      break;
    await sleep(1_000, stop.signal);
  }
  while (!stop.signal.aborted) {
    try {
      const elapsed = Date.now() - startedAt;
      for (const link of await demoAirbnbLinks(ctx)) {
        if (!demoReaderReads(link.listingId, elapsed)) continue;
        const answer = await fetch(link.url.replace(/^https?:\/\/[^/]+/, appUrl), {
          headers: { "user-agent": DEMO_READER_USER_AGENT },
        });
        await answer.arrayBuffer();
      }
      if (!told && elapsed >= DEMO_READER_PLAN.stopsAtMs) {
        told = true;
        console.log(`[demo] simulated Airbnb stopped reading ${DEMO_UNREAD_LISTING}`);
      }
    } catch (error) {
      // The app may still be compiling its first routes: the next round tries again.
      console.warn(`[demo] simulated Airbnb: ${(error as Error).message}`);
    }
    await sleep(DEMO_READER_PLAN.everyMs, stop.signal);
  }
  return 0;
});
