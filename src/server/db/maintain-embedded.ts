import { sql } from "drizzle-orm";
import type { Database } from "./database";

/**
 * The tables the worker rewrites all day: feeds (each sync), blocks (each changed calendar), alerts and their failures,
 * runs, the outbox, the notification deliveries, throttles, hints, link checks and sessions.
 */
export const CHURNING_TABLES = [
  "calendar_feeds",
  "calendar_blocks",
  "calendar_sync_alerts",
  "alert_failures",
  "calendar_sync_runs",
  "email_outbox",
  "notification_deliveries",
  "notification_events",
  "provider_retry_hints",
  "host_link_checks",
  "login_throttles",
  "user_sessions",
  "provider_incidents",
] as const;

/**
 * What autovacuum does on PostgreSQL, which PGlite never runs: VACUUM (ANALYZE) the churning tables, so that their
 * dead rows' space is reused and the planner's statistics follow the data, then CHECKPOINT, so that the WAL written
 * since the last one can be recycled. One table at a time: each VACUUM is its own statement, and the wire server
 * lets other clients in between. Returns the milliseconds each step took.
 */
export async function maintainEmbeddedDatabase(db: Database): Promise<Record<string, number>> {
  const took: Record<string, number> = {};
  for (const table of CHURNING_TABLES) {
    const started = performance.now();
    await db.execute(sql.raw(`vacuum (analyze) ${table}`));
    took[table] = Math.round(performance.now() - started);
  }
  const started = performance.now();
  await db.execute(sql`checkpoint`);
  took.checkpoint = Math.round(performance.now() - started);
  return took;
}
