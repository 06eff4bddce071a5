// npm run bench:scale: 1, 2 and 4 compiled worker processes (--once) on one PostgreSQL database over the same
// latency-bound feeds (every answer after BENCH_LATENCY_MS, 200 by default; 10 % answer 404). Each pass gets the
// same number of fresh feeds. Throughput is taken from the database (first sync started to last sync finished), so
// process start-up is left out; each pass is checked: every feed synced exactly once, no listing with two open
// alerts, no lease left.
import { sql } from "drizzle-orm";
import { startDemoFeedServer, type DemoFeedServer } from "../../src/demo/demo-feed-server";
import { queryRows } from "../../src/server/db/query-rows";
import { runMain } from "../lib";
import { machineDescription, openPostgres } from "./engines";
import { buildWorker, makeDue, passCheck, runWorkerPass, seedFeeds } from "./worker-process";

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 200);
const FEEDS = Number(process.env.BENCH_FEEDS ?? 2_560);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WORKER_COUNTS = (process.env.BENCH_WORKERS ?? "1,2,4").split(",").map(Number);
const STYLES = ["airbnb", "booking", "vrbo", "google"];

runMain(async () => {
  console.log(`# bench:scale — ${new Date().toISOString()}`);
  console.log(`machine: ${machineDescription()}; workers: dist/worker.mjs (compiled), PostgreSQL on 127.0.0.1`);
  console.log(
    `${FEEDS} fresh feeds per pass (10 % answering 404), every answer after ${LATENCY_MS} ms, 8 providers on 127.0.0.2–9; each worker at concurrency ${CONCURRENCY} (pool ${CONCURRENCY + 4})\n`,
  );
  buildWorker();
  const hosts = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 2}`);
  const servers: DemoFeedServer[] = [];
  for (const host of hosts) servers.push(await startDemoFeedServer({ host, latencyMs: LATENCY_MS, staysPerFeed: 20 }));
  const engine = await openPostgres(4);
  const env = { CALENDAR_FETCH_ALLOW_HOSTS: hosts.join(","), SYNC_CONCURRENCY: String(CONCURRENCY) };
  const rates = new Map<number, number>();
  let failed = false;
  try {
    for (const workers of WORKER_COUNTS) {
      const prefix = `w${workers}`;
      await seedFeeds(engine.db, prefix, FEEDS, (i) => {
        const server = servers[i % servers.length]!;
        return `${server.baseUrl}/${i % 10 === 3 ? "not-found" : STYLES[i % STYLES.length]}/${prefix}-f${i}.ics?t=token${i}`;
      });
      await makeDue(engine.db, prefix);
      const since = new Date();
      const passes = await Promise.all(Array.from({ length: workers }, () => runWorkerPass(engine.url!, env)));
      const [span] = await queryRows<{ seconds: number }>(
        engine.db,
        sql`select extract(epoch from max(finished_at) - min(started_at))::float8 as seconds from calendar_sync_runs where feed_id like ${`${prefix}-%`}`,
      );
      const check = await passCheck(engine.db, prefix, since);
      const rate = FEEDS / span!.seconds;
      rates.set(workers, rate);
      const problems = [
        check.attempted !== FEEDS && `${check.attempted} of ${FEEDS} feeds synced`,
        check.runs !== FEEDS && `${check.runs} runs for ${FEEDS} feeds`,
        check.maxRunsPerFeed !== 1 && `a feed synced ${check.maxRunsPerFeed} times`,
        check.duplicateAlerts > 0 && `${check.duplicateAlerts} listings with two open alerts`,
        check.leases > 0 && `${check.leases} leases left`,
      ].filter(Boolean);
      const perWorker = passes
        .map(
          (pass) =>
            `${pass.synced + pass.failed} feeds, ${pass.peakRssMiB} MiB, start-to-exit ${pass.wallSeconds.toFixed(1)} s`,
        )
        .join(" | ");
      console.log(
        `${workers} worker${workers > 1 ? "s" : " "}: ${rate.toFixed(1)} feeds/s (${span!.seconds.toFixed(1)} s)${rates.has(1) ? `, ${(rate / rates.get(1)!).toFixed(2)}× one worker` : ""} · ${problems.length ? `FAILED: ${problems.join("; ")}` : "each feed once, no duplicate alert, no lease left"}`,
      );
      console.log(`    ${perWorker}`);
      if (problems.length) failed = true;
    }
  } finally {
    await engine.close();
    await Promise.all(servers.map((server) => server.close()));
  }
  const four = rates.get(4);
  if (four && rates.get(1))
    console.log(
      `\ngoal 4 workers ≥ 3.6× one worker: ${(four / rates.get(1)!).toFixed(2)}× → ${four / rates.get(1)! >= 3.6 ? "met" : "NOT met"}`,
    );
  return failed ? 1 : 0;
});
