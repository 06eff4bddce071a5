import { execFileSync, spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/server/db/database";
import { calendarFeeds, listings, users } from "../../src/server/db/schema";
import { queryRows } from "../../src/server/db/query-rows";
import { getConfig } from "../../src/server/config";
import { protectFeedUrl } from "../../src/server/services/calendar/feed-url";
import { launchDirectly, type Launch } from "./cpu-placement";
import { allProcesses } from "./proc-stat";

/** Builds dist/worker.mjs, the compiled worker production runs (npm run build does the same). */
export function buildWorker(): void {
  execFileSync("npm", ["run", "--silent", "build:worker"], { stdio: "inherit" });
}

export interface WorkerPass {
  synced: number;
  failed: number;
  /** Measured inside the worker, from its first claim to its last sync: start-up is left out. */
  seconds: number;
  rate: number;
  peakRssMiB: number;
  /** CPU time of the worker process during the pass (all its threads). */
  cpuSeconds: number;
  /** From process start to exit, start-up included. */
  wallSeconds: number;
  output: string;
}

function figure(output: string, pattern: RegExp): number {
  const match = pattern.exec(output);
  if (!match) throw new Error(`worker output did not match ${pattern}:\n${output}`);
  return Number(match[1]);
}

/** One pass of the compiled worker (--once) on a database: each feed due at its start synced once. */
export async function runWorkerPass(
  databaseUrl: string,
  env: Record<string, string>,
  launch: Launch = launchDirectly,
): Promise<WorkerPass> {
  const started = performance.now();
  // BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the worker.
  const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const [command, args] = launch(process.execPath, [...nodeArgs, "dist/worker.mjs", "--once"]);
  const child = spawn(command, args, {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: "warn",
      SMTP_URL: "",
      MAIL_DIR: "./data/bench-mail",
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number>((resolve) => child.on("exit", (exitCode) => resolve(exitCode ?? 1)));
  if (code !== 0) throw new Error(`worker exited with ${code}:\n${output}`);
  return {
    synced: figure(output, /Feeds: (\d+) synced/),
    failed: figure(output, /, (\d+) failed/),
    seconds: figure(output, /Took ([\d.]+) s/),
    rate: figure(output, /\(([\d.]+) feeds\/s\)/),
    peakRssMiB: figure(output, /peak RSS (\d+) MiB/),
    cpuSeconds: figure(output, /CPU ([\d.]+) s/),
    wallSeconds: (performance.now() - started) / 1000,
    output: output.trim(),
  };
}

// Listings belong to this many hosts, as in production: the worker keeps at most SYNC_MAX_CONCURRENCY_PER_OWNER fetches
// of one owner in flight, so feeds of a single host would measure that cap, not the worker.
const BENCH_HOSTS = 500;

/** Seeds `count` feeds under `prefix` (`perListing` per listing, listings spread over 500 hosts), not due until made due. Returns their URLs in order. */
export async function seedFeeds(
  db: Database,
  prefix: string,
  count: number,
  urlOf: (index: number) => string,
  perListing = 4,
): Promise<string[]> {
  const key = getConfig().encryptionKey;
  const listingCount = Math.ceil(count / perListing);
  const hosts = Math.min(BENCH_HOSTS, listingCount);
  await db
    .insert(users)
    .values(
      Array.from({ length: hosts }, (_, h) => ({
        id: `${prefix}-host-${h}`,
        email: `${prefix}-${h}@example.com`,
        name: "Bench",
        passwordHash: "x",
        role: "host" as const,
      })),
    )
    .onConflictDoNothing();
  for (let start = 0; start < listingCount; start += 1000) {
    await db.insert(listings).values(
      Array.from({ length: Math.min(1000, listingCount - start) }, (_, i) => ({
        id: `${prefix}-l${start + i}`,
        title: `Annonce ${start + i}`,
        city: "Lyon",
        ownerId: `${prefix}-host-${(start + i) % hosts}`,
      })),
    );
  }
  const urls = Array.from({ length: count }, (_, index) => urlOf(index));
  for (let start = 0; start < count; start += 500) {
    await db.insert(calendarFeeds).values(
      urls.slice(start, start + 500).map((url, offset) => ({
        id: `${prefix}-f${start + offset}`,
        listingId: `${prefix}-l${Math.floor((start + offset) / perListing)}`,
        provider: "Bench",
        ...protectFeedUrl(url, key),
        nextSyncAt: new Date(Date.now() + 86_400_000),
      })),
    );
  }
  // Statistics as a live database has them (PostgreSQL's advice after a bulk load). Without them the first pass on
  // a fresh database ran on plans made for empty tables: bench:sync's first round at 0.55× against 0.75× after.
  await db.execute(sql`analyze`);
  return urls;
}

export async function makeDue(db: Database, prefix: string): Promise<void> {
  await db.execute(
    sql`update calendar_feeds set next_sync_at = now() - interval '1 second' where id like ${`${prefix}-%`}`,
  );
}

/** What the pass left: feeds synced (by run rows or unchanged counters), runs per feed, open alerts per listing, leases. */
export async function passCheck(db: Database, prefix: string, since: Date) {
  const [row] = await queryRows<{
    feeds: number;
    attempted: number;
    runs: number;
    maxRunsPerFeed: number;
    leases: number;
    duplicateAlerts: number;
  }>(
    db,
    sql`select
      (select count(*)::int from calendar_feeds where id like ${`${prefix}-%`}) as feeds,
      (select count(*)::int from calendar_feeds where id like ${`${prefix}-%`} and last_attempt_at >= ${since}) as attempted,
      (select count(*)::int from calendar_sync_runs where feed_id like ${`${prefix}-%`} and started_at >= ${since}) as runs,
      (select coalesce(max(n), 0)::int from (select count(*) n from calendar_sync_runs where feed_id like ${`${prefix}-%`} and started_at >= ${since} group by feed_id) r) as "maxRunsPerFeed",
      (select count(*)::int from calendar_feeds where id like ${`${prefix}-%`} and lease_owner is not null) as leases,
      (select count(*)::int from (select listing_id from calendar_sync_alerts where status <> 'resolved' and listing_id like ${`${prefix}-%`} group by listing_id having count(*) > 1) d) as "duplicateAlerts"`,
  );
  return row!;
}

/** CPU seconds used so far by every PostgreSQL process on this machine (Linux /proc; 0 elsewhere). */
export function postgresCpuSeconds(): number {
  // Own time, plus the reaped children's (the postmaster's: the backends of closed connections).
  return allProcesses()
    .filter((proc) => proc.name.startsWith("postgres"))
    .reduce((sum, proc) => sum + proc.cpuSeconds + proc.reapedChildrenCpuSeconds, 0);
}
