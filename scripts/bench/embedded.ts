// npm run bench:embedded: the embedded default as a small install lives, beside PostgreSQL in the same run.
// For each engine (BENCH_ENGINES, default "embedded,postgres"): the production build (npm start) on it, the embedded
// one through our wire server (npm run db:serve on a fresh directory); BENCH_FEEDS feeds (default 2,000) answering after
// BENCH_LATENCY_MS (200) from 8 local providers, imported once before measuring (a live install), then as many new
// feeds imported while the app's reads (health, the alerts list, the dashboard) are measured at 10 connections:
// throughput and p99 during the import ÷ idle, and the worker's rate. Then, embedded only, the directory's growth over BENCH_GROWTH_SYNCS syncs (default 100,000) of local feeds whose
// calendars change each pass, with the worker's maintenance looking beside it (BENCH_MAINTENANCE=off to compare).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { encode } from "next-auth/jwt";
import { sql } from "drizzle-orm";
import { runMain } from "../lib";
import { freePort } from "../free-port";
import { machineDescription, openPostgres } from "./engines";
import { buildWorker, makeDue, seedFeeds, runWorkerPass } from "./worker-process";
import { seedAlertHistory, seedBenchListings } from "./seed-alerts";
import { connectPostgres, embeddedServerUrl, isPortServing } from "../../src/server/db/connect";
import { BACKGROUND_APPLICATION_PREFIX } from "../../src/server/db/pglite-wire-server";
import type { Database } from "../../src/server/db/database";
import { queryRows } from "../../src/server/db/query-rows";
import { maintainEmbeddedDatabase, readTableChurn } from "../../src/server/db/maintain-embedded";
import { startDemoFeedServer, type DemoFeedServer } from "../../src/demo/demo-feed-server";

const FEEDS = Number(process.env.BENCH_FEEDS ?? 2_000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 10;
const GROWTH_SYNCS = Number(process.env.BENCH_GROWTH_SYNCS ?? 100_000);
const SECRET = "bench-secret-not-for-production";
const KEY = "YmVuY2gta2V5LTMyLWJ5dGVzLWxvbmctZm9yLWJlbiE=";
// The feeds are encrypted by this process (seedFeeds) and read by the worker: one key for both.
process.env.APP_ENCRYPTION_KEY = KEY;
const HOSTS = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 2}`);
const STYLES = ["airbnb", "booking", "vrbo", "google"];
const TARGETS: Array<[string, string]> = [
  ["health", "/api/health"],
  ["alerts list", "/api/admin/alerts/calendar-sync?limit=50&view=summary"],
  ["dashboard", "/admin"],
];

interface Engine {
  label: string;
  db: Database;
  /** What the app and the worker need to find it. */
  env: Record<string, string>;
  dir?: string;
  close(): Promise<void>;
}

async function waitFor(check: () => Promise<boolean>, what: string, child?: ChildProcess) {
  for (let attempt = 0; attempt < 480; attempt++) {
    if (child && child.exitCode !== null) throw new Error(`${what}: process exited with ${child.exitCode}`);
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} did not come up`);
}

async function openEmbedded(): Promise<Engine> {
  const dir = mkdtempSync(path.join(tmpdir(), "csa-embedded-"));
  const port = await freePort();
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/db-serve.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      PGLITE_DIR: path.join(dir, "pglite"),
      PGLITE_PORT: String(port),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitFor(() => isPortServing(port), "db:serve", server);
  const handle = connectPostgres(embeddedServerUrl(port, path.join(dir, "pglite")), 4, "pglite-server");
  return {
    label: "embedded (PGlite through db:serve)",
    db: handle.db,
    env: { DATABASE_URL: "", PGLITE_DIR: path.join(dir, "pglite"), PGLITE_PORT: String(port) },
    dir: path.join(dir, "pglite"),
    async close() {
      await handle.close();
      server.kill("SIGTERM");
      await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once("exit", resolve)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openBaseline(): Promise<Engine> {
  const engine = await openPostgres(4);
  return { label: "PostgreSQL", db: engine.db, env: { DATABASE_URL: engine.url! }, close: () => engine.close() };
}

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(full) : statSync(full).size;
  }
  return total;
}
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function load(url: string, cookie: string) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: { cookie } });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function measure(engine: Engine, servers: DemoFeedServer[]) {
  const db = engine.db;
  await seedBenchListings(db, 1_000);
  await seedAlertHistory(db, 1_000, 10_000, 50);
  // Two sets of feeds: the first imported before anything is measured (a live install has calendars, and statistics
  // that autovacuum or the maintenance keep), the second imported while the reads are measured.
  await seedFeeds(
    db,
    "live",
    FEEDS,
    (i) => `${servers[i % servers.length]!.baseUrl}/${STYLES[i % STYLES.length]}/live-f${i}.ics?t=token${i}`,
  );
  await seedFeeds(
    db,
    "solo",
    FEEDS,
    (i) => `${servers[i % servers.length]!.baseUrl}/${STYLES[i % STYLES.length]}/solo-f${i}.ics?t=token${i}`,
  );
  await seedFeeds(
    db,
    "emb",
    FEEDS,
    (i) => `${servers[i % servers.length]!.baseUrl}/${STYLES[i % STYLES.length]}/emb-f${i}.ics?t=token${i}`,
  );
  await db.execute(
    sql`insert into users (id, email, name, password_hash, role) values ('bench-support', 'support@bench.example', 'Support', 'x', 'support')`,
  );
  await db.execute(
    sql`insert into user_sessions (id, user_id, expires_at) values ('bench-session', 'bench-support', now() + interval '1 day')`,
  );
  const token = await encode({
    secret: SECRET,
    token: {
      id: "bench-support",
      role: "support",
      email: "support@bench.example",
      name: "Support",
      sub: "bench-support",
      sid: "bench-session",
    },
  });
  const cookie = `next-auth.session-token=${token}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const common: NodeJS.ProcessEnv = {
    ...process.env,
    ...engine.env,
    NODE_ENV: "production" as const,
    NEXTAUTH_SECRET: SECRET,
    NEXTAUTH_URL: base,
    APP_ENCRYPTION_KEY: KEY,
    LOG_LEVEL: "warn",
    CALENDAR_FETCH_ALLOW_HOSTS: HOSTS.join(","),
  };
  const app = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/start.ts", "--port", String(port), "--hostname", "127.0.0.1"],
    { env: common, stdio: ["ignore", "ignore", "inherit"] },
  );
  try {
    await waitFor(async () => (await fetch(`${base}/api/health`)).ok, "the app", app);
    const workerEnv = {
      ...engine.env,
      APP_ENCRYPTION_KEY: KEY,
      CALENDAR_FETCH_ALLOW_HOSTS: HOSTS.join(","),
      PROVIDER_MAX_CONCURRENCY: "8",
    };
    await makeDue(db, "live");
    const first = await runWorkerPass("", workerEnv);
    await db.execute(sql`analyze`);
    // The worker alone: a first import of new feeds into a live database, nothing else asking the engine.
    await makeDue(db, "solo");
    const alone = await runWorkerPass("", workerEnv);
    const idle = new Map<string, Awaited<ReturnType<typeof load>>>();
    for (const [label, target] of TARGETS) {
      await autocannon({ url: `${base}${target}`, connections: 2, duration: 2, headers: { cookie } });
      idle.set(label, await load(`${base}${target}`, cookie));
    }
    // The worker syncs every feed (a first import), then again (re-syncs) for as long as the reads are measured.
    const passes: Array<Awaited<ReturnType<typeof runWorkerPass>>> = [];
    let measuring = true;
    const syncing = (async () => {
      while (measuring) {
        await makeDue(db, "emb");
        passes.push(await runWorkerPass("", workerEnv));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const busy = new Map<string, Awaited<ReturnType<typeof load>> & { during: string }>();
    for (const [label, target] of TARGETS) {
      const result = await load(`${base}${target}`, cookie);
      busy.set(label, { ...result, during: passes.length === 0 ? "the first import" : "re-syncs" });
    }
    measuring = false;
    await syncing;
    const worker = passes[0]!;
    console.log(`\n## ${engine.label}: ${FEEDS} feeds answering after ${LATENCY_MS} ms`);
    console.log(`worker, the very first import (empty tables): ${first.rate.toFixed(1)} feeds/s`);
    console.log(
      `worker alone: first import ${alone.synced} synced, ${alone.failed} failed, ${alone.rate.toFixed(1)} feeds/s, CPU ${alone.cpuSeconds.toFixed(1)} s`,
    );
    console.log(
      `worker during the reads: first import ${worker.synced} synced, ${worker.failed} failed, ${worker.rate.toFixed(1)} feeds/s, CPU ${worker.cpuSeconds.toFixed(1)} s` +
        (passes.length > 1
          ? `; then ${passes.length - 1} re-sync pass(es) at ${(passes.slice(1).reduce((sum, p) => sum + p.rate, 0) / (passes.length - 1)).toFixed(1)} feeds/s`
          : ""),
    );
    const ratios: Record<string, { throughput: number; p99: number }> = {};
    for (const [label] of TARGETS) {
      const before = idle.get(label)!;
      const during = busy.get(label)!;
      ratios[label] = { throughput: during.rps / before.rps, p99: during.p99 / Math.max(1, before.p99) };
      console.log(
        `${label.padEnd(12)} idle ${before.rps.toFixed(0)} req/s p99 ${before.p99} ms · during the sync ${during.rps.toFixed(0)} req/s p99 ${during.p99} ms` +
          ` → throughput ${ratios[label]!.throughput.toFixed(2)}× (goal ≥ 0.5), p99 ${ratios[label]!.p99.toFixed(2)}× (goal ≤ 3)` +
          ` (during ${during.during})${during.errors + before.errors ? ` · ${during.errors + before.errors} errors` : ""}`,
      );
    }
    return { rate: alone.rate, ratios };
  } finally {
    app.kill("SIGTERM");
    await new Promise((resolve) => (app.exitCode !== null ? resolve(null) : app.once("exit", resolve)));
  }
}

// The worker's loop looks once a minute, during which an install syncing each feed every 15 minutes syncs a fifteenth
// of its feeds. The growth passes run far faster than that schedule, so the bench looks each time that many feeds were
// synced since the last look (BENCH_SYNCS_PER_LOOK, FEEDS ÷ 15), and prints the counts it saw.
const SYNCS_PER_LOOK = Number(process.env.BENCH_SYNCS_PER_LOOK ?? Math.round(FEEDS / 15));

async function growth(engine: Engine) {
  // A live install's mix: a fifth of the calendars change each pass (their stays laid out one day later), the rest
  // answer the same (re-syncs of unchanged calendars). One feed per listing: moving stays would otherwise open and
  // close double bookings between a listing's feeds each pass, history the retention keeps, not bloat.
  let day = new Date(Date.UTC(2026, 10, 1));
  const changing = await startDemoFeedServer({ host: "127.0.0.10", staysPerFeed: 20, calendarDay: () => day });
  const stable = await startDemoFeedServer({
    host: "127.0.0.11",
    staysPerFeed: 20,
    calendarDay: () => new Date(Date.UTC(2026, 10, 1)),
  });
  const maintenance = process.env.BENCH_MAINTENANCE !== "off";
  try {
    await seedFeeds(
      engine.db,
      "grow",
      FEEDS,
      (i) => `${(i % 5 === 0 ? changing : stable).baseUrl}/${STYLES[i % STYLES.length]}/grow-f${i}.ics?t=token${i}`,
      1,
    );
    console.log(
      `\n## ${engine.label}: the directory over ${GROWTH_SYNCS.toLocaleString("en")} syncs of ${FEEDS} local feeds, a fifth of the calendars changed each pass` +
        ` (${maintenance ? `the worker's maintenance looking every ~${SYNCS_PER_LOOK} syncs, as once a minute at a 15-minute interval` : "no maintenance"})`,
    );
    let syncs = 0;
    let afterTenThousand = 0;
    let worstDeadShare = 0;
    const looks: number[] = [];
    const env = { ...engine.env, APP_ENCRYPTION_KEY: KEY, CALENDAR_FETCH_ALLOW_HOSTS: "127.0.0.10,127.0.0.11" };
    // The looks go through a worker connection, as the worker's loop does: the wire server then serves them as
    // background work (a page's connection would cap the passes' share of the engine).
    const worker = connectPostgres(
      embeddedServerUrl(Number(engine.env.PGLITE_PORT), engine.env.PGLITE_DIR!),
      1,
      "pglite-server",
      `${BACKGROUND_APPLICATION_PREFIX}-bench`,
    );
    const syncedSince = async (since: Date) =>
      Number(
        (
          await queryRows<{ n: string }>(
            worker.db,
            sql`select count(*) as n from calendar_feeds where id like 'grow-%' and last_attempt_at > ${since}`,
          )
        )[0]!.n,
      );
    let running = true;
    // A look and the bench's own makeDue (below) never interleave.
    let exclusive: Promise<unknown> = Promise.resolve();
    const alone = <T>(work: () => Promise<T>): Promise<T> => {
      const done = exclusive.then(work);
      exclusive = done.catch(() => undefined);
      return done;
    };
    // The worker's loop, as it runs beside the sync: read the feeds' dead rows, then vacuum what passed the threshold.
    const looking = (async () => {
      let lastLook = new Date();
      while (running && maintenance) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        await alone(async () => {
          const synced = await syncedSince(lastLook);
          if (synced < SYNCS_PER_LOOK) return;
          const feeds = (await readTableChurn(worker.db)).find((churn) => churn.table === "calendar_feeds")!;
          lastLook = new Date();
          await maintainEmbeddedDatabase(worker.db, { checkpointAfterMs: 10 * 60_000 });
          worstDeadShare = Math.max(worstDeadShare, feeds.dead / Math.max(1, feeds.live));
          looks.push(synced);
        });
      }
    })();
    try {
      while (syncs < GROWTH_SYNCS) {
        day = new Date(day.getTime() + 86_400_000);
        // makeDue is the bench's own write, a dead row per feed at once, which no sync makes: cleaned before the pass.
        await alone(async () => {
          await makeDue(engine.db, "grow");
          // (Its statistics flushed first: pending ones would land after the vacuum reset them.)
          if (maintenance) await worker.db.execute(sql`select pg_stat_force_next_flush()`);
          if (maintenance) await worker.db.execute(sql`vacuum calendar_feeds`);
        });
        const pass = await runWorkerPass("", env);
        syncs += pass.synced + pass.failed;
        if (pass.synced === 0) throw new Error(`a growth pass synced nothing (${pass.failed} failed):\n${pass.output}`);
        const bytes = directoryBytes(engine.dir!);
        if (afterTenThousand === 0 && syncs >= 10_000) afterTenThousand = bytes;
        if (syncs % 10_000 < FEEDS || syncs >= GROWTH_SYNCS) {
          const wal = directoryBytes(path.join(engine.dir!, "pg_wal"));
          const feeds = (await readTableChurn(engine.db)).find((churn) => churn.table === "calendar_feeds")!;
          console.log(
            `${syncs.toLocaleString("en").padStart(8)} syncs: directory ${mib(bytes)} (WAL ${mib(wal)}) · calendar_feeds ${feeds.live} live, ${feeds.dead} dead rows` +
              ` · pass ${pass.rate.toFixed(0)} feeds/s`,
          );
        }
      }
    } finally {
      running = false;
      await looking;
      await worker.close();
    }
    const final = directoryBytes(engine.dir!);
    const sorted = [...looks].sort((a, b) => a - b);
    if (maintenance)
      console.log(
        `syncs between two looks: median ${sorted[Math.floor(sorted.length / 2)] ?? 0}, most ${sorted.at(-1) ?? 0}; calendar_feeds' dead rows at a look, at most ${worstDeadShare.toFixed(2)}× its live ones (goal ≤ 0.5)`,
      );
    const largest = await queryRows<{ name: string; size: string }>(
      engine.db,
      sql`select relname as name, pg_total_relation_size(oid)::text as size from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace order by pg_total_relation_size(oid) desc limit 6`,
    );
    console.log(`largest tables: ${largest.map((table) => `${table.name} ${mib(Number(table.size))}`).join(", ")}`);
    if (afterTenThousand)
      console.log(
        `directory after ${syncs.toLocaleString("en")} syncs ÷ after the first 10,000: ${(final / afterTenThousand).toFixed(2)} (goal ≤ 1.5)`,
      );
  } finally {
    await Promise.all([changing.close(), stable.close()]);
  }
}

runMain(async () => {
  console.log(`# bench:embedded — ${new Date().toISOString()}`);
  console.log(
    `machine: ${machineDescription()}; production build; ${CONNECTIONS} connections, ${SECONDS} s per target; worker dist/worker.mjs --once`,
  );
  if (process.env.BENCH_SKIP_BUILD !== "1" || !existsSync(".next/BUILD_ID")) {
    const { execFileSync } = await import("node:child_process");
    execFileSync("npx", ["next", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  }
  buildWorker();
  const servers: DemoFeedServer[] = [];
  for (const host of HOSTS) servers.push(await startDemoFeedServer({ host, latencyMs: LATENCY_MS, staysPerFeed: 20 }));
  const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
  try {
    for (const name of (process.env.BENCH_ENGINES ?? "embedded,postgres").split(",")) {
      const engine = name === "postgres" ? await openBaseline() : await openEmbedded();
      try {
        // BENCH_READS=off: only the directory's growth (it takes most of the time).
        if (process.env.BENCH_READS !== "off") results[name] = await measure(engine, servers);
        if (name === "embedded" && GROWTH_SYNCS > 0) await growth(engine);
      } finally {
        await engine.close();
      }
    }
  } finally {
    await Promise.all(servers.map((server) => server.close()));
  }
  if (results.embedded && results.postgres) {
    console.log(
      `\nworker rate alone, embedded ÷ PostgreSQL: ${(results.embedded.rate / results.postgres.rate).toFixed(2)}`,
    );
    for (const [label] of TARGETS)
      console.log(
        `${label}: during the sync, throughput ${results.embedded.ratios[label]!.throughput.toFixed(2)}× idle embedded, ${results.postgres.ratios[label]!.throughput.toFixed(2)}× on PostgreSQL`,
      );
  }
});
