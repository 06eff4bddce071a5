import { sql } from "drizzle-orm";
import type { Database } from "./database";
import { queryRows } from "./query-rows";

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

// Autovacuum's rule (a table is vacuumed once its dead rows pass 50 + a share of its live rows) with half its default
// share (0.2): the worker looks once a minute, and a table must stay under half as many dead rows as live ones between
// two looks at the largest install the embedded engine serves (docs/benchmarks.md › bench:embedded).
const VACUUM_BASE_ROWS = 50;
const VACUUM_SHARE_OF_LIVE = 0.1;
// A checkpoint lets the WAL written before it be recycled: after this much WAL, or `checkpointAfterMs`.
const CHECKPOINT_AFTER_WAL_BYTES = 64 * 1024 * 1024;

export type TableChurn = {
  table: string;
  live: number;
  dead: number;
  modifiedSinceAnalyze: number;
};

/**
 * Live and dead rows of the churning tables, from PostgreSQL's statistics. On the embedded engine every client is one
 * backend, so flushing its pending statistics first makes them exact.
 */
export async function readTableChurn(db: Database): Promise<TableChurn[]> {
  await db.execute(sql`select pg_stat_force_next_flush()`);
  return queryRows<TableChurn>(
    db,
    sql`select relname as "table", n_live_tup::int as live, n_dead_tup::int as dead, n_mod_since_analyze::int as "modifiedSinceAnalyze"
        from pg_stat_user_tables where schemaname = 'public' and relname in (${sql.join(
          CHURNING_TABLES.map((table) => sql`${table}`),
          sql`, `,
        )})
        order by relname`,
  );
}

const needsVacuum = (churn: TableChurn) => {
  const threshold = VACUUM_BASE_ROWS + VACUUM_SHARE_OF_LIVE * churn.live;
  return churn.dead > threshold || churn.modifiedSinceAnalyze > threshold;
};

/** Whether enough WAL was written, or enough time went by, since the last checkpoint. */
async function checkpointDue(db: Database, afterMs: number): Promise<boolean> {
  const [since] = await queryRows<{ walBytes: string; seconds: number }>(
    db,
    sql`select (pg_current_wal_lsn() - (pg_control_checkpoint()).redo_lsn)::text as "walBytes",
               extract(epoch from now() - (pg_control_checkpoint()).checkpoint_time)::float8 as seconds`,
  );
  return Number(since!.walBytes) >= CHECKPOINT_AFTER_WAL_BYTES || since!.seconds * 1000 >= afterMs;
}

export interface MaintenanceReport {
  vacuumed: string[];
  checkpointed: boolean;
  /** Milliseconds per step (each table vacuumed, the checkpoint). */
  took: Record<string, number>;
}

/**
 * What autovacuum and the checkpointer do on PostgreSQL, which PGlite never runs. VACUUM (ANALYZE) each churning table
 * whose dead rows (or changes since its last analysis) passed the threshold, so their space is reused and the planner's
 * statistics follow the data; then CHECKPOINT when enough WAL or time went by since the last one, so the WAL can be
 * recycled. `everything` vacuums every churning table and checkpoints regardless. One table at a time: each VACUUM is
 * its own statement, and the wire server lets other clients in between.
 */
export async function maintainEmbeddedDatabase(
  db: Database,
  options: { checkpointAfterMs: number; everything?: boolean },
): Promise<MaintenanceReport> {
  const took: Record<string, number> = {};
  // Statistics still pending would land after the vacuum reset them.
  if (options.everything) await db.execute(sql`select pg_stat_force_next_flush()`);
  const churn = options.everything
    ? CHURNING_TABLES.map((table) => ({ table }))
    : (await readTableChurn(db)).filter(needsVacuum);
  for (const { table } of churn) {
    const started = performance.now();
    await db.execute(sql.raw(`vacuum (analyze) ${table}`));
    took[table] = Math.round(performance.now() - started);
  }
  const checkpointed = options.everything === true || (await checkpointDue(db, options.checkpointAfterMs));
  if (checkpointed) {
    const started = performance.now();
    await db.execute(sql`checkpoint`);
    took.checkpoint = Math.round(performance.now() - started);
  }
  return { vacuumed: churn.map(({ table }) => table), checkpointed, took };
}
