// npm run bench:sync: the worker syncing 10,000 feeds from a local server (10 % failing, 1 % slow), beside the
// same mix at concurrency 1, on a fresh PostgreSQL database.
import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { getConfig } from "../../src/server/config";
import { calendarFeeds, listings, users } from "../../src/server/db/schema";
import { queryRows } from "../../src/server/db/query-rows";
import { protectFeedUrl } from "../../src/server/services/calendar/feed-url";
import { startDemoFeedServer } from "../../src/demo/demo-feed-server";
import { runMain } from "../lib";
import { machineDescription, openPostgres, type BenchEngine } from "./engines";

const FEEDS = Number(process.env.BENCH_FEEDS ?? 10_000);
const SEQUENTIAL_FEEDS = Math.max(100, Math.round(FEEDS / 10));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const HEALTHY = ["airbnb", "booking", "vrbo", "google"];
const FAILING = ["not-found", "gone", "forbidden", "server-error", "rate-limited", "html", "json", "redirect-loop", "huge", "teapot"];
// Short enough that 1 % slow feeds do not dominate; the slow server answers after the timeout.
const FETCH_TIMEOUT_MS = 1_000;
const SLOW_MS = 1_500;

function scenarioFor(index: number): string {
  if (index % 100 === 7) return "slow";
  if (index % 10 === 3) return FAILING[Math.floor(index / 10) % FAILING.length]!;
  return HEALTHY[index % HEALTHY.length]!;
}

async function seed(engine: BenchEngine, prefix: string, count: number, baseUrl: string) {
  const key = getConfig().encryptionKey;
  await engine.db.insert(users).values({ id: `${prefix}-host`, email: `${prefix}@example.com`, name: "Bench", passwordHash: "x", role: "host" }).onConflictDoNothing();
  const listingCount = Math.ceil(count / 4);
  for (let start = 0; start < listingCount; start += 1000) {
    await engine.db.insert(listings).values(
      Array.from({ length: Math.min(1000, listingCount - start) }, (_, i) => ({ id: `${prefix}-l${start + i}`, title: `Annonce ${start + i}`, city: "Lyon", ownerId: `${prefix}-host` })),
    );
  }
  for (let start = 0; start < count; start += 500) {
    await engine.db.insert(calendarFeeds).values(
      Array.from({ length: Math.min(500, count - start) }, (_, offset) => {
        const i = start + offset;
        return {
          id: `${prefix}-f${i}`,
          listingId: `${prefix}-l${Math.floor(i / 4)}`,
          provider: "Bench",
          ...protectFeedUrl(`${baseUrl}/${scenarioFor(i)}/${prefix}-f${i}.ics?t=token${i}`, key),
          nextSyncAt: new Date(Date.now() - 1000),
        };
      }),
    );
  }
}

async function runWorker(databaseUrl: string, concurrency: number): Promise<{ output: string; wallSeconds: number }> {
  const started = performance.now();
  const child = spawn("node_modules/.bin/tsx", ["scripts/worker.ts", "--once"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SYNC_CONCURRENCY: String(concurrency),
      CALENDAR_FETCH_ALLOW_HOSTS: "127.0.0.1",
      CALENDAR_FETCH_TIMEOUT_MS: String(FETCH_TIMEOUT_MS),
      CALENDAR_FETCH_MAX_BYTES: String(256 * 1024),
      LOG_LEVEL: "warn",
      SMTP_URL: "",
      MAIL_DIR: "./data/bench-mail",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number>((resolve) => child.on("exit", (exitCode) => resolve(exitCode ?? 1)));
  if (code !== 0) throw new Error(`worker exited with ${code}:\n${output}`);
  return { output, wallSeconds: (performance.now() - started) / 1000 };
}

function figure(output: string, pattern: RegExp): number {
  const match = pattern.exec(output);
  if (!match) throw new Error(`worker output did not match ${pattern}:\n${output}`);
  return Number(match[1]);
}

async function main() {
  console.log(`# bench:sync — ${new Date().toISOString()}`);
  console.log(`machine: ${machineDescription()}`);
  console.log(`mix: ${FEEDS} feeds, 10 % failing (${FAILING.join(", ")}), 1 % slower than the ${FETCH_TIMEOUT_MS} ms fetch timeout`);
  const feeds = await startDemoFeedServer({ slowMs: SLOW_MS });
  const engine = await openPostgres(4);
  try {
    const url = engine.url!;
    await seed(engine, "par", FEEDS, feeds.baseUrl);
    const parallel = await runWorker(url, CONCURRENCY);
    console.log(`\n## worker, concurrency ${CONCURRENCY}, ${FEEDS} feeds`);
    console.log(parallel.output.trim());
    const parallelRate = figure(parallel.output, /\(([\d.]+) feeds\/s\)/);
    const peakRss = figure(parallel.output, /peak RSS (\d+) MiB/);

    // The concurrency-1 pass runs on a tenth of the mix (same proportions) to keep the run short.
    await engine.db.execute(sql`update calendar_feeds set next_sync_at = now() + interval '1 day'`);
    await seed(engine, "seq", SEQUENTIAL_FEEDS, feeds.baseUrl);
    const sequential = await runWorker(url, 1);
    console.log(`\n## worker, concurrency 1, ${SEQUENTIAL_FEEDS} feeds (same mix)`);
    console.log(sequential.output.trim());
    const sequentialRate = figure(sequential.output, /\(([\d.]+) feeds\/s\)/);

    const [alerts] = await queryRows<{ open: number; escalated: number }>(
      engine.db,
      sql`select count(*) filter (where status <> 'resolved')::int as open, count(*) filter (where status = 'escalated')::int as escalated from calendar_sync_alerts where listing_id like 'par-%'`,
    );
    console.log(`\nfeeds/s at concurrency ${CONCURRENCY}: ${parallelRate}; at concurrency 1: ${sequentialRate}; ratio ${(parallelRate / sequentialRate).toFixed(2)}`);
    console.log(`alerts opened by the ${FEEDS}-feed pass: ${alerts?.open} (one per listing with a failing feed), escalated: ${alerts?.escalated}`);
    console.log(`worker peak RSS (${FEEDS}-feed pass): ${peakRss} MiB`);
  } finally {
    await engine.close();
    await feeds.close();
  }
}

runMain(main);
