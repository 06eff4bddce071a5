// npm run bench:rows: rows the worker writes per sync in steady state (a second pass over feeds already imported),
// through the real worker on PostgreSQL, and what that makes per day at 10,000 feeds every 15 minutes.
import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { getConfig } from "../../src/server/config";
import { calendarFeeds, listings, users } from "../../src/server/db/schema";
import { queryRows } from "../../src/server/db/query-rows";
import { protectFeedUrl } from "../../src/server/services/calendar/feed-url";
import { startDemoFeedServer } from "../../src/demo/demo-feed-server";
import { runMain } from "../lib";
import { machineDescription, openPostgres } from "./engines";

const FEEDS = Number(process.env.BENCH_FEEDS ?? 2_000);
// 1 % of feeds failing for good, the rest healthy (unchanged between passes, as most calendars are).
const scenarioFor = (i: number) => (i % 100 === 3 ? "not-found" : ["airbnb", "booking", "vrbo", "google"][i % 4]!);
const TABLES = ["calendar_sync_runs", "alert_failures", "audit_logs", "email_outbox", "calendar_blocks"] as const;

async function runWorkerOnce(databaseUrl: string): Promise<void> {
  const child = spawn("node_modules/.bin/tsx", ["scripts/worker.ts", "--once"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SYNC_CONCURRENCY: "16",
      CALENDAR_FETCH_ALLOW_HOSTS: "127.0.0.1",
      LOG_LEVEL: "warn",
      SMTP_URL: "",
      MAIL_DIR: "./data/bench-mail",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const code = await new Promise<number>((resolve) => child.on("exit", (exitCode) => resolve(exitCode ?? 1)));
  if (code !== 0) throw new Error(`worker exited with ${code}`);
}

async function main() {
  console.log(`# bench:rows — ${new Date().toISOString()}`);
  console.log(`machine: ${machineDescription()}`);
  const feeds = await startDemoFeedServer();
  const engine = await openPostgres(4);
  try {
    const key = getConfig().encryptionKey;
    await engine.db
      .insert(users)
      .values({ id: "rows-host", email: "rows@example.com", name: "Bench", passwordHash: "x", role: "host" });
    for (let start = 0; start < FEEDS; start += 500) {
      const ids = Array.from({ length: Math.min(500, FEEDS - start) }, (_, offset) => start + offset);
      await engine.db
        .insert(listings)
        .values(ids.map((i) => ({ id: `l${i}`, title: `Annonce ${i}`, city: "Lyon", ownerId: "rows-host" })));
      await engine.db.insert(calendarFeeds).values(
        ids.map((i) => ({
          id: `f${i}`,
          listingId: `l${i}`,
          provider: "Bench",
          ...protectFeedUrl(`${feeds.baseUrl}/${scenarioFor(i)}/l${i}.ics?t=token${i}`, key),
        })),
      );
    }
    const count = async () => {
      const [row] = await queryRows<Record<string, number>>(
        engine.db,
        sql.raw(`select ${TABLES.map((table) => `(select count(*)::int from ${table}) as ${table}`).join(", ")}`),
      );
      return row!;
    };
    await runWorkerOnce(engine.url!);
    const afterFirst = await count();
    await engine.db.execute(sql`update calendar_feeds set next_sync_at = now() - interval '1 second'`);
    await runWorkerOnce(engine.url!);
    const afterSecond = await count();
    console.log(`${FEEDS} feeds, 1 % failing (404), the rest unchanged between passes; second pass (steady state):`);
    let total = 0;
    for (const table of TABLES) {
      const written = Number(afterSecond[table]) - Number(afterFirst[table]);
      if (table !== "calendar_blocks") total += written;
      console.log(`  ${table}: ${written} rows (${(written / FEEDS).toFixed(3)} per sync)`);
    }
    const perDay = (total / FEEDS) * 10_000 * 96;
    console.log(
      `rows written per sync: ${(total / FEEDS).toFixed(3)}; at 10,000 feeds every 15 minutes (960,000 syncs a day): ${Math.round(perDay).toLocaleString("en")} rows a day`,
    );
  } finally {
    await engine.close();
    await feeds.close();
  }
}

runMain(main);
