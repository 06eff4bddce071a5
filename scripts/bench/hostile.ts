// npm run bench:hostile: the recurrence bomb (300 events repeating daily since 1900, 24 KB) beside healthy work, each
// figure against its baseline measured in the same run, on PostgreSQL.
// 1. The app (production build, npm start): GET /api/health under 10 connections for 15 s (BENCH_SECONDS), alone, then
//    while a host saves a healthy link again and again (two saves in flight, the host's limit), then while it saves the
//    bomb the same way (HOST_LINK_SAVES_PER_HOUR and CALENDAR_MAX_FEEDS_PER_LISTING lifted so that every save reaches the
//    fetch and the parse). Builds first unless BENCH_SKIP_BUILD=1 and a build exists.
// 2. The worker (dist/worker.mjs, one pass): 400 healthy feeds of 50 hosts (demo feed server, 50 ms per answer), alone,
//    then 400 others beside 20 bomb feeds of one host. The healthy feeds' fetch+parse time comes from their run rows
//    (started → finished); TIMEOUTs are counted.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import autocannon from "autocannon";
import { encode } from "next-auth/jwt";
import { sql } from "drizzle-orm";
import { getConfig } from "../../src/server/config";
import { calendarFeeds, listings, users } from "../../src/server/db/schema";
import { queryRows } from "../../src/server/db/query-rows";
import type { Database } from "../../src/server/db/database";
import { protectFeedUrl } from "../../src/server/services/calendar/feed-url";
import { startDemoFeedServer, type DemoFeedServer } from "../../src/demo/demo-feed-server";
import { runMain } from "../lib";
import { freePort } from "../free-port";
import { machineDescription, openPostgres, percentile } from "./engines";
import { buildWorker, runWorkerPass } from "./worker-process";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const HEALTHY = 400;
const BOMBS = 20;
const SECRET = "bench-secret-not-for-production";
const KEY = "YmVuY2gta2V5LTMyLWJ5dGVzLWxvbmctZm9yLWJlbiE=";

async function waitUntilServing(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (
      await fetch(url)
        .then((response) => response.ok)
        .catch(() => false)
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer`);
}

async function healthP99(base: string): Promise<{ p99: number; p50: number; rps: number; non2xx: number }> {
  const result = await autocannon({ url: `${base}/api/health`, connections: 10, duration: SECONDS });
  return { p99: result.latency.p99, p50: result.latency.p50, rps: result.requests.average, non2xx: result.non2xx };
}

async function appPart(db: Database, url: string, feeds: DemoFeedServer) {
  if (process.env.BENCH_SKIP_BUILD !== "1" || !existsSync(".next/BUILD_ID"))
    execFileSync("npx", ["next", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  await db
    .insert(users)
    .values({ id: "bomber", email: "bomber@bench.example", name: "Bomber", passwordHash: "x", role: "host" });
  await db.insert(listings).values({ id: "bomber-listing", title: "Annonce", city: "Lille", ownerId: "bomber" });
  await db.execute(
    sql`insert into user_sessions (id, user_id, expires_at) values ('bomber-session', 'bomber', now() + interval '1 day')`,
  );
  const token = await encode({
    secret: SECRET,
    token: {
      id: "bomber",
      role: "host",
      email: "bomber@bench.example",
      name: "Bomber",
      sub: "bomber",
      sid: "bomber-session",
    },
  });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/start.ts", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: url,
        NEXTAUTH_SECRET: SECRET,
        NEXTAUTH_URL: base,
        LOG_LEVEL: "warn",
        APP_ENCRYPTION_KEY: KEY,
        CALENDAR_FETCH_ALLOW_HOSTS: "127.0.0.1",
        HOST_LINK_SAVES_PER_HOUR: "100000",
        CALENDAR_MAX_FEEDS_PER_LISTING: "1000",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  try {
    await waitUntilServing(`${base}/api/health`, server);
    await autocannon({ url: `${base}/api/health`, connections: 4, duration: 2 });
    const alone = await healthP99(base);
    /** /api/health under load while two savers post links made by `urlOf` as fast as they are answered. */
    const whileSaving = async (urlOf: (n: number) => string) => {
      let saving = true;
      let sent = 0;
      const statuses: number[] = [];
      const times: number[] = [];
      const saver = async () => {
        while (saving) {
          const started = performance.now();
          const response = await fetch(`${base}/api/listings/bomber-listing/calendar-feeds`, {
            method: "POST",
            headers: { cookie: `next-auth.session-token=${token}`, "content-type": "application/json" },
            body: JSON.stringify({ provider: "Mon agenda", url: urlOf(sent++) }),
          });
          await response.arrayBuffer();
          statuses.push(response.status);
          times.push(performance.now() - started);
        }
      };
      const savers = [saver(), saver()];
      const health = await healthP99(base);
      saving = false;
      await Promise.all(savers);
      times.sort((a, b) => a - b);
      const byStatus = Object.entries(
        statuses.reduce<Record<number, number>>(
          (counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }),
          {},
        ),
      );
      return {
        health,
        saves: `${statuses.length} saves (${byStatus.map(([status, count]) => `${status} × ${count}`).join(", ")}), each answered in p50 ${percentile(times, 50).toFixed(0)} ms, max ${times.at(-1)?.toFixed(0)} ms`,
      };
    };
    const healthy = await whileSaving((n) => `${feeds.baseUrl}/airbnb/bomber-listing.ics?n=${n}`);
    const bomb = await whileSaving(() => `${feeds.baseUrl}/recurrence-bomb/bomber-listing.ics`);
    const line = (label: string, figures: Awaited<ReturnType<typeof healthP99>>) =>
      console.log(
        `${label.padEnd(28)} ${figures.rps.toFixed(0)} req/s · p50 ${figures.p50} ms · p99 ${figures.p99} ms · ${figures.non2xx} non-2xx`,
      );
    console.log("## the app: GET /api/health, 10 connections");
    line("alone:", alone);
    line("during healthy link saves:", healthy.health);
    line("during bomb saves:", bomb.health);
    console.log(
      `p99 ratio, during bomb saves / during healthy saves: ${(bomb.health.p99 / Math.max(1, healthy.health.p99)).toFixed(2)} (/ alone: ${(bomb.health.p99 / Math.max(1, alone.p99)).toFixed(2)})`,
    );
    console.log(`healthy: ${healthy.saves}`);
    console.log(`bomb: ${bomb.saves}\n`);
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
}

async function seedPassFeeds(
  db: Database,
  prefix: string,
  owners: number,
  count: number,
  urlOf: (i: number) => string,
) {
  const key = Buffer.from(KEY, "base64");
  await db.insert(users).values(
    Array.from({ length: owners }, (_, o) => ({
      id: `${prefix}-host-${o}`,
      email: `${prefix}-${o}@bench.example`,
      name: "Bench",
      passwordHash: "x",
      role: "host" as const,
    })),
  );
  await db.insert(listings).values(
    Array.from({ length: count }, (_, i) => ({
      id: `${prefix}-l${i}`,
      title: `Annonce ${i}`,
      city: "Lyon",
      ownerId: `${prefix}-host-${i % owners}`,
    })),
  );
  await db.insert(calendarFeeds).values(
    Array.from({ length: count }, (_, i) => ({
      id: `${prefix}-f${i}`,
      listingId: `${prefix}-l${i}`,
      provider: "Bench",
      ...protectFeedUrl(urlOf(i), key),
      nextSyncAt: new Date(Date.now() + 86_400_000),
    })),
  );
}

async function workerPass(db: Database, url: string, prefixes: string[]) {
  for (const prefix of prefixes)
    await db.execute(
      sql`update calendar_feeds set next_sync_at = now() - interval '1 second' where id like ${`${prefix}-%`}`,
    );
  const since = new Date();
  const pass = await runWorkerPass(url, {
    CALENDAR_FETCH_ALLOW_HOSTS: "127.0.0.1",
    SYNC_CONCURRENCY: "32",
    APP_ENCRYPTION_KEY: KEY,
    SYNC_INTERVAL_MINUTES: "60",
  });
  const [healthy] = prefixes;
  const durations = (
    await queryRows<{ ms: number }>(
      db,
      sql`select duration_ms as ms from calendar_sync_runs where feed_id like ${`${healthy}-%`} and started_at >= ${since} and outcome = 'success'`,
    )
  )
    .map((row) => Number(row.ms))
    .sort((a, b) => a - b);
  const [errors] = await queryRows<{ timeouts: number; failures: number; complex: number }>(
    db,
    sql`select count(*) filter (where error_type = 'TIMEOUT' and feed_id like ${`${healthy}-%`})::int as timeouts,
      count(*) filter (where outcome = 'failure' and feed_id like ${`${healthy}-%`})::int as failures,
      count(*) filter (where error_type = 'FEED_TOO_COMPLEX')::int as complex
    from calendar_sync_runs where started_at >= ${since}`,
  );
  return { pass, durations, errors: errors! };
}

runMain(async () => {
  console.log(`# bench:hostile — ${new Date().toISOString()}`);
  console.log(`machine: ${machineDescription()}; PostgreSQL on 127.0.0.1\n`);
  process.env.APP_ENCRYPTION_KEY = KEY;
  getConfig();
  const feeds = await startDemoFeedServer({ latencyMs: 50, staysPerFeed: 20 });
  const engine = await openPostgres(4);
  try {
    await appPart(engine.db, engine.url!, feeds);
    buildWorker();
    await seedPassFeeds(engine.db, "alone", 50, HEALTHY, (i) => `${feeds.baseUrl}/airbnb/alone-${i}.ics`);
    await seedPassFeeds(engine.db, "beside", 50, HEALTHY, (i) => `${feeds.baseUrl}/airbnb/beside-${i}.ics`);
    await seedPassFeeds(engine.db, "bomb", 1, BOMBS, (i) => `${feeds.baseUrl}/recurrence-bomb/bomb-${i}.ics`);
    const alone = await workerPass(engine.db, engine.url!, ["alone"]);
    const beside = await workerPass(engine.db, engine.url!, ["beside", "bomb"]);
    console.log(`## the worker: one pass, ${HEALTHY} healthy feeds of 50 hosts, concurrency 32`);
    for (const [label, run] of [
      ["alone", alone],
      [`beside ${BOMBS} bomb feeds of one host`, beside],
    ] as const) {
      console.log(
        `${label.padEnd(38)} healthy fetch+parse p50 ${percentile(run.durations, 50)} ms · p99 ${percentile(run.durations, 99)} ms · ${run.durations.length} imported · ` +
          `healthy failures ${run.errors.failures} (TIMEOUT ${run.errors.timeouts}) · FEED_TOO_COMPLEX ${run.errors.complex} · pass ${run.pass.seconds.toFixed(1)} s`,
      );
    }
    console.log(
      `p99 ratio (beside / alone): ${(percentile(beside.durations, 99) / Math.max(1, percentile(alone.durations, 99))).toFixed(2)}`,
    );
  } finally {
    await engine.close();
    await feeds.close();
  }
});
