// npm run bench:parse: do large feeds stall the others? The compiled worker syncs 1,000 small feeds alone, then the
// same with 8 valid feeds just under the 5 MiB cap, parsed off the event loop (PARSE_OFF_THREAD_BYTES, the default)
// and then on it (PARSE_OFF_THREAD_BYTES=0, as before). Every answer comes after BENCH_LATENCY_MS (100 by default).
// The figure is the small feeds' p99 sync time (fetch and parse, as recorded in their runs).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { startDemoFeedServer } from "../../src/demo/demo-feed-server";
import { demoCalendar } from "../../src/demo/demo-ics";
import { queryRows } from "../../src/server/db/query-rows";
import { runMain } from "../lib";
import { machineDescription, openPostgres } from "./engines";
import { buildWorker, runWorkerPass, seedFeeds } from "./worker-process";

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100);
const SMALL = Number(process.env.BENCH_FEEDS ?? 1_000);
const LARGE = 8;
const CAP = 5 * 1024 * 1024;
const ROUNDS = Number(process.env.BENCH_REPEATS ?? 3);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** A valid calendar just under the cap: a large agency's export, most of it beyond the import horizon. */
function nearCapCalendar(): string {
  let stays = 30_000;
  let body = demoCalendar("booking", "agency", new Date(), new Date(), stays);
  while (body.length > CAP - 64 * 1024)
    body = demoCalendar("booking", "agency", new Date(), new Date(), (stays -= 500));
  return body;
}

async function startLargeFeedServer(body: string) {
  const server = http.createServer((_request, response) => {
    setTimeout(() => {
      response.writeHead(200, { "content-type": "text/calendar; charset=utf-8" });
      response.end(body);
    }, LATENCY_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.3", resolve));
  return {
    baseUrl: `http://127.0.0.3:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

runMain(async () => {
  console.log(`# bench:parse — ${new Date().toISOString()}`);
  console.log(
    `machine: ${machineDescription()}; worker: dist/worker.mjs (compiled), concurrency 32, PostgreSQL on 127.0.0.1`,
  );
  buildWorker();
  const body = nearCapCalendar();
  console.log(
    `${SMALL} small feeds (20 stays) on 127.0.0.2, ${LARGE} valid feeds of ${(body.length / 2 ** 20).toFixed(2)} MiB on 127.0.0.3, every answer after ${LATENCY_MS} ms; ${ROUNDS} rounds\n`,
  );
  const small = await startDemoFeedServer({ host: "127.0.0.2", latencyMs: LATENCY_MS, staysPerFeed: 20 });
  const large = await startLargeFeedServer(body);
  const engine = await openPostgres(4);
  const env = {
    CALENDAR_FETCH_ALLOW_HOSTS: "127.0.0.2,127.0.0.3",
    SYNC_CONCURRENCY: "32",
    PROVIDER_MAX_CONCURRENCY: "32",
  };
  const styles = ["airbnb", "booking", "vrbo", "google"];
  const results = new Map<string, number[]>();
  let pass = 0;
  const run = async (label: string, withLarge: boolean, extraEnv: Record<string, string>) => {
    const prefix = `p${pass++}`;
    await seedFeeds(
      engine.db,
      prefix,
      SMALL,
      (i) => `${small.baseUrl}/${styles[i % styles.length]}/${prefix}-f${i}.ics?t=token${i}`,
    );
    if (withLarge)
      await seedFeeds(engine.db, `${prefix}big`, LARGE, (i) => `${large.baseUrl}/agency-${i}.ics?t=token${i}`);
    // Due in order, the large feeds spread among the first small ones, so that their parsing overlaps the small feeds' syncs.
    await engine.db.execute(
      sql`update calendar_feeds set next_sync_at = now() - interval '60 seconds' + split_part(id, '-f', 2)::int * interval '1 millisecond' where id like ${`${prefix}-f%`}`,
    );
    if (withLarge) {
      await engine.db.execute(
        sql`update calendar_feeds set next_sync_at = now() - interval '60 seconds' + (split_part(id, '-f', 2)::int + 1) * ${Math.floor(SMALL / (LARGE + 2))} * interval '1 millisecond' where id like ${`${prefix}big-f%`}`,
      );
    }
    const result = await runWorkerPass(engine.url!, { ...env, ...extraEnv });
    const [row] = await queryRows<{ p50: number; p99: number; failed: number; largeMax: number | null }>(
      engine.db,
      sql`select percentile_cont(0.5) within group (order by duration_ms)::int as p50,
                 percentile_cont(0.99) within group (order by duration_ms)::int as p99,
                 count(*) filter (where outcome = 'failure')::int as failed,
                 (select max(duration_ms) from calendar_sync_runs where feed_id like ${`${prefix}big-%`}) as "largeMax"
          from calendar_sync_runs where feed_id like ${`${prefix}-f%`}`,
    );
    if (row!.failed > 0) throw new Error(`${label}: ${row!.failed} small feeds failed`);
    results.set(label, [...(results.get(label) ?? []), row!.p99]);
    console.log(
      `${label.padEnd(34)} small feeds p50 ${row!.p50} ms, p99 ${row!.p99} ms` +
        (withLarge ? ` · large feeds synced in up to ${row!.largeMax} ms` : "") +
        ` · ${result.synced + result.failed} feeds at ${result.rate.toFixed(0)}/s, peak RSS ${result.peakRssMiB} MiB`,
    );
  };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      await run("small feeds alone", false, {});
      await run("+ 8 near-cap feeds, off the loop", true, {});
      await run("+ 8 near-cap feeds, on the loop", true, { PARSE_OFF_THREAD_BYTES: "0" });
    }
  } finally {
    await engine.close();
    await small.close();
    await large.close();
  }
  // Each round's rise against the same round's baseline, then the median over the rounds.
  const aloneByRound = results.get("small feeds alone")!;
  const rise = (label: string) => median(results.get(label)!.map((p99, round) => p99 / aloneByRound[round]! - 1));
  const offLoop = rise("+ 8 near-cap feeds, off the loop");
  const onLoop = rise("+ 8 near-cap feeds, on the loop");
  const percent = (value: number) => `${value >= 0 ? "+" : "−"}${Math.abs(100 * value).toFixed(0)} %`;
  console.log(
    `\nsmall feeds' p99, median over ${ROUNDS} rounds of its change against the same round's « alone »: off the loop ${percent(offLoop)}, on the loop ${percent(onLoop)}`,
  );
  console.log(`goal: a rise of at most 20 % → ${offLoop <= 0.2 ? "met" : "NOT met"}`);
});
