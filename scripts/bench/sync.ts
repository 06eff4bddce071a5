// npm run bench:sync: the compiled worker beside a bare fetch+parse loop (no database) over the same feeds, at the
// same concurrency, both as separate processes, on a fresh PostgreSQL database. Passes are interleaved and repeated.
// npm run bench:sync -- --pin: the same with the measured process on CPU 1, PostgreSQL and the feed server on CPU 0.
// npm run bench:sync -- --latency 200: feeds answering in 200 ms, one worker at concurrency 1, 8, 32 and 64.
import { writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { startDemoFeedServer, type DemoFeedServer } from "../../src/demo/demo-feed-server";
import { sql } from "drizzle-orm";
import { queryRows } from "../../src/server/db/query-rows";
import { flagValue, hasFlag, runMain } from "../lib";
import { launchDirectly, pinSubjectApart, type Launch } from "./cpu-placement";
import { machineDescription, openPostgres, type BenchEngine } from "./engines";
import {
  buildWorker,
  makeDue,
  passCheck,
  postgresCpuSeconds,
  runWorkerPass,
  seedFeeds,
  type WorkerPass,
} from "./worker-process";

const STYLES = ["airbnb", "booking", "vrbo", "google"];
const STAYS_PER_FEED = 20;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function bareLoop(
  urls: string[],
  concurrency: number,
  env: Record<string, string>,
  fullOnly = false,
  launch: Launch = launchDirectly,
) {
  const file = path.join(os.tmpdir(), `bench-sync-urls-${process.pid}.txt`);
  writeFileSync(file, urls.join("\n"));
  const [command, args] = launch("node_modules/.bin/tsx", [
    "scripts/bench/bare-fetch-parse.ts",
    file,
    String(concurrency),
    ...(fullOnly ? ["--full-only"] : []),
  ]);
  const child = spawn(command, args, {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number>((resolve) => child.on("exit", (exitCode) => resolve(exitCode ?? 1)));
  if (code !== 0) throw new Error(`bare loop exited with ${code}:\n${output}`);
  return JSON.parse(output.trim().split("\n").pop()!) as {
    full: number;
    conditional: number;
    failures: number;
    fullCpuSeconds: number;
    conditionalCpuSeconds: number;
    peakRssMiB: number;
  };
}

/** Asserts that a pass synced each of its feeds exactly once and left nothing behind. */
async function checkPass(
  engine: BenchEngine,
  prefix: string,
  since: Date,
  feeds: number,
  pass: WorkerPass,
  withRuns: boolean,
) {
  const check = await passCheck(engine.db, prefix, since);
  const problems = [
    check.attempted !== feeds && `${check.attempted} of ${feeds} feeds synced`,
    pass.synced + pass.failed !== feeds && `the worker reported ${pass.synced + pass.failed} syncs for ${feeds} feeds`,
    withRuns && check.runs !== feeds && `${check.runs} run rows for ${feeds} feeds`,
    check.maxRunsPerFeed > 1 && `a feed synced ${check.maxRunsPerFeed} times`,
    check.leases > 0 && `${check.leases} leases left`,
    check.duplicateAlerts > 0 && `${check.duplicateAlerts} listings with two open alerts`,
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`pass ${prefix}: ${problems.join("; ")}`);
}

async function localMix(pin: boolean) {
  const feedsPerPass = Number(process.env.BENCH_FEEDS ?? 3_000);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
  const repeats = Number(process.env.BENCH_REPEATS ?? 3);
  console.log(
    `mix: ${feedsPerPass} healthy feeds per pass (${STYLES.join(", ")} styles, ${STAYS_PER_FEED} stays each) on 127.0.0.1, concurrency ${concurrency}, ${repeats} rounds`,
  );
  console.log(
    "two feeds per listing (Airbnb and Booking.com, Vrbo and Google), echoing each other's stays: double-booking detection reads each import against its sibling",
  );
  console.log(
    "each round: bare loop (full pass, then conditional pass), worker first import, worker re-sync (304), and a first import of fresh feeds with detection off (BOOKING_CONFLICTS=off), in alternating order\n",
  );
  const server = await startDemoFeedServer({ staysPerFeed: STAYS_PER_FEED });
  const engine = await openPostgres(4);
  const env = {
    CALENDAR_FETCH_ALLOW_HOSTS: "127.0.0.1",
    SYNC_CONCURRENCY: String(concurrency),
    PROVIDER_MAX_CONCURRENCY: String(concurrency),
  };
  const [backend] = await queryRows<{ pid: number }>(engine.db, sql`select pg_backend_pid() as pid`);
  const placement = pin ? pinSubjectApart(Number(backend!.pid)) : null;
  if (pin && !placement)
    console.log("--pin: could not set CPU affinities here (needs 2 CPUs and taskset); measuring unpinned");
  const launch = placement?.launchSubject ?? launchDirectly;
  console.log(
    `placement: ${placement?.description ?? `unpinned: the measured process, PostgreSQL and the feed server share ${os.cpus().length} CPUs`}\n`,
  );
  const rows: Array<{
    bareFull: number;
    bareConditional: number;
    workerImport: number;
    workerUnchanged: number;
    rss: number;
    bareCpuMs: number;
    workerCpuMs: number;
    pgCpuMs: number;
    offCpuMs: number;
    offImport: number;
    bareConditionalCpuMs: number;
    unchangedCpuMs: number;
    unchangedPgCpuMs: number;
  }> = [];
  // Two feeds of one listing share its stays (the demo server lays them out per listing): their exports echo each other.
  const pairedUrl = (prefix: string) => (i: number) =>
    `${server.baseUrl}/${STYLES[i % STYLES.length]}/${prefix}-l${Math.floor(i / 2)}.ics?t=token${i}`;
  const importWithoutDetection = async (round: number) => {
    const prefix = `r${round}off`;
    await seedFeeds(engine.db, prefix, feedsPerPass, pairedUrl(prefix), 2);
    await makeDue(engine.db, prefix);
    const since = new Date();
    const pass = await runWorkerPass(engine.url!, { ...env, BOOKING_CONFLICTS: "off" }, launch);
    await checkPass(engine, prefix, since, feedsPerPass, pass, true);
    return pass;
  };
  try {
    for (let round = 0; round < repeats; round++) {
      const prefix = `r${round}`;
      const urls = await seedFeeds(engine.db, prefix, feedsPerPass, pairedUrl(prefix), 2);
      const bare = await bareLoop(urls, concurrency, env, false, launch);
      const offFirst = round % 2 === 1 ? await importWithoutDetection(round) : null;
      if (bare.failures > 0) throw new Error(`bare loop: ${bare.failures} fetches failed`);
      await makeDue(engine.db, prefix);
      let since = new Date();
      const pgCpuBefore = postgresCpuSeconds();
      const imported = await runWorkerPass(engine.url!, env, launch);
      const pgCpu = postgresCpuSeconds() - pgCpuBefore;
      await checkPass(engine, prefix, since, feedsPerPass, imported, true);
      await makeDue(engine.db, prefix);
      since = new Date();
      const unchangedPgBefore = postgresCpuSeconds();
      const unchanged = await runWorkerPass(engine.url!, env, launch);
      const unchangedPgCpu = postgresCpuSeconds() - unchangedPgBefore;
      await checkPass(engine, prefix, since, feedsPerPass, unchanged, false);
      const off = offFirst ?? (await importWithoutDetection(round));
      const [conflicts] = await queryRows<{ n: number }>(
        engine.db,
        sql`select count(*)::int as n from booking_conflicts`,
      );
      if (Number(conflicts!.n) > 0) throw new Error(`${conflicts!.n} conflicts among feeds that only echo each other`);
      const perFeedMs = (seconds: number) => (1000 * seconds) / feedsPerPass;
      rows.push({
        bareFull: bare.full,
        bareConditional: bare.conditional,
        workerImport: imported.rate,
        workerUnchanged: unchanged.rate,
        rss: imported.peakRssMiB,
        bareCpuMs: perFeedMs(bare.fullCpuSeconds),
        workerCpuMs: perFeedMs(imported.cpuSeconds),
        pgCpuMs: perFeedMs(pgCpu),
        offCpuMs: perFeedMs(off.cpuSeconds),
        offImport: off.rate,
        bareConditionalCpuMs: perFeedMs(bare.conditionalCpuSeconds),
        unchangedCpuMs: perFeedMs(unchanged.cpuSeconds),
        unchangedPgCpuMs: perFeedMs(unchangedPgCpu),
      });
      console.log(
        `round ${round + 1}: first import ${imported.rate.toFixed(0)} feeds/s vs bare ${bare.full.toFixed(0)}/s (${(imported.rate / bare.full).toFixed(2)}×); ` +
          `re-sync ${unchanged.rate.toFixed(0)} feeds/s vs bare conditional ${bare.conditional.toFixed(0)}/s (${(unchanged.rate / bare.conditional).toFixed(2)}×); worker peak RSS ${imported.peakRssMiB} MiB; ` +
          `detection on ${perFeedMs(imported.cpuSeconds).toFixed(2)} ms CPU per imported feed, off ${perFeedMs(off.cpuSeconds).toFixed(2)} ms (${(imported.cpuSeconds / off.cpuSeconds).toFixed(2)}×)`,
      );
    }
  } finally {
    placement?.restore();
    await engine.close();
    await server.close();
  }
  const importRatio = median(rows.map((row) => row.workerImport / row.bareFull));
  const unchangedRatio = median(rows.map((row) => row.workerUnchanged / row.bareConditional));
  console.log(
    `\nmedian over ${repeats} rounds (distinct feeds per second; each pass synced every feed exactly once, checked in the database):`,
  );
  console.log(
    `  first import: worker ${median(rows.map((r) => r.workerImport)).toFixed(0)} feeds/s, bare fetch+parse ${median(rows.map((r) => r.bareFull)).toFixed(0)} feeds/s, ratio ${importRatio.toFixed(2)}`,
  );
  console.log(
    `  re-sync (304): worker ${median(rows.map((r) => r.workerUnchanged)).toFixed(0)} feeds/s, bare conditional fetch ${median(rows.map((r) => r.bareConditional)).toFixed(0)} feeds/s, ratio ${unchangedRatio.toFixed(2)}`,
  );
  console.log(
    `  CPU per imported feed: worker ${median(rows.map((r) => r.workerCpuMs)).toFixed(2)} ms, bare loop ${median(rows.map((r) => r.bareCpuMs)).toFixed(2)} ms ` +
      `(${(median(rows.map((r) => r.workerCpuMs)) / median(rows.map((r) => r.bareCpuMs))).toFixed(2)}×), PostgreSQL ${median(rows.map((r) => r.pgCpuMs)).toFixed(2)} ms`,
  );
  console.log(
    `  CPU per re-synced feed (304): worker ${median(rows.map((r) => r.unchangedCpuMs)).toFixed(3)} ms, bare conditional loop ${median(rows.map((r) => r.bareConditionalCpuMs)).toFixed(3)} ms ` +
      `(${(median(rows.map((r) => r.unchangedCpuMs)) / median(rows.map((r) => r.bareConditionalCpuMs))).toFixed(2)}×), PostgreSQL ${median(rows.map((r) => r.unchangedPgCpuMs)).toFixed(3)} ms`,
  );
  console.log(`  goal ≥ 0.80 for the first import: ${importRatio >= 0.8 ? "met" : "NOT met"}`);
  console.log(`  goal ≥ 0.70 for the re-sync: ${unchangedRatio >= 0.7 ? "met" : "NOT met"}`);
  const detectionCost = median(rows.map((r) => r.workerCpuMs / r.offCpuMs));
  console.log(
    `  double-booking detection: worker CPU per imported feed ${median(rows.map((r) => r.workerCpuMs)).toFixed(2)} ms on, ${median(rows.map((r) => r.offCpuMs)).toFixed(2)} ms off; ` +
      `median of the rounds' ratios ${detectionCost.toFixed(3)} (first import ${median(rows.map((r) => r.workerImport)).toFixed(0)} vs ${median(rows.map((r) => r.offImport)).toFixed(0)} feeds/s); goal ≤ 1.05: ${detectionCost <= 1.05 ? "met" : "NOT met"}`,
  );
}

async function latencyBound(latencyMs: number) {
  const feedsPerPass = Number(process.env.BENCH_FEEDS ?? 640);
  const levels = (process.env.BENCH_LEVELS ?? "1,8,32,64").split(",").map(Number);
  const hosts = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 2}`);
  console.log(
    `mix: ${feedsPerPass} healthy feeds per pass, ${STAYS_PER_FEED} stays each, every answer after ${latencyMs} ms, spread over ${hosts.length} providers (${hosts[0]}–${hosts.at(-1)})\n`,
  );
  const servers: DemoFeedServer[] = [];
  for (const host of hosts) servers.push(await startDemoFeedServer({ host, latencyMs, staysPerFeed: STAYS_PER_FEED }));
  const engine = await openPostgres(4);
  try {
    for (const concurrency of levels) {
      const prefix = `c${concurrency}`;
      const urls = await seedFeeds(
        engine.db,
        prefix,
        feedsPerPass,
        (i) => `${servers[i % servers.length]!.baseUrl}/${STYLES[i % STYLES.length]}/${prefix}-f${i}.ics?t=token${i}`,
      );
      const bare = await bareLoop(urls, concurrency, { CALENDAR_FETCH_ALLOW_HOSTS: hosts.join(",") }, true);
      await makeDue(engine.db, prefix);
      const since = new Date();
      const env = {
        CALENDAR_FETCH_ALLOW_HOSTS: hosts.join(","),
        SYNC_CONCURRENCY: String(concurrency),
        PROVIDER_MAX_CONCURRENCY: String(Math.max(1, Math.ceil(concurrency / hosts.length) * 2)),
      };
      const pass = await runWorkerPass(engine.url!, env);
      await checkPass(engine, prefix, since, feedsPerPass, pass, true);
      const [durations] = await queryRows<{ p50: number; p95: number }>(
        engine.db,
        sql`select percentile_cont(0.5) within group (order by duration_ms)::int as p50, percentile_cont(0.95) within group (order by duration_ms)::int as p95
            from calendar_sync_runs where feed_id like ${`${prefix}-%`}`,
      );
      const ideal = (concurrency * 1000) / latencyMs;
      console.log(
        `concurrency ${String(concurrency).padStart(2)} (pool ${concurrency + 4}): ${pass.rate.toFixed(1)} feeds/s, ideal ${ideal.toFixed(1)} → ${((100 * pass.rate) / ideal).toFixed(0)} % · ` +
          `bare fetch+parse loop ${bare.full.toFixed(1)} feeds/s (${((100 * bare.full) / ideal).toFixed(0)} % of ideal; worker ${(pass.rate / bare.full).toFixed(2)}× it) · ` +
          `fetch+parse p50 ${durations!.p50} ms, p95 ${durations!.p95} ms · peak RSS ${pass.peakRssMiB} MiB · process wall time ${pass.wallSeconds.toFixed(1)} s for ${pass.seconds.toFixed(1)} s of syncing`,
      );
    }
  } finally {
    await engine.close();
    await Promise.all(servers.map((server) => server.close()));
  }
}

runMain(async () => {
  const latency = flagValue(process.argv.slice(2), "--latency");
  console.log(`# bench:sync${latency ? ` --latency ${latency}` : ""} — ${new Date().toISOString()}`);
  console.log(`machine: ${machineDescription()}; worker: dist/worker.mjs (compiled), PostgreSQL on 127.0.0.1`);
  buildWorker();
  if (latency) await latencyBound(Number(latency));
  else await localMix(hasFlag(process.argv.slice(2), "--pin"));
});
