// npm run bench:ingest-floor: what PostgreSQL itself allows the alert ingest, measured with pgbench (no Node client):
// the parts of createCalendarSyncAlert's statement beside the bare one-row upsert bench:alerts compares it with.
// Each round runs, one after the other on the same database: the bare upsert, the alert upsert alone, the alert upsert
// with its failure (timeline) row. Then the timeline table is stripped of its primary key, time index and foreign keys
// and the last one is measured again. Needs pgbench on the PATH. BENCH_SECONDS (15) per run, BENCH_ROUNDS (2).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { runMain } from "../lib";
import { machineDescription, openPostgres } from "./engines";
import { seedBenchListings } from "./seed-alerts";

const LISTINGS = 1_000;
const CLIENTS = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

const PICK_LISTING = `\\set k random(0, ${LISTINGS - 1})`;
// The upsert of count_alert_failure (same conflict target, same columns changed), without the escalation decision.
const ALERT_UPSERT = `insert into calendar_sync_alerts as t (id, listing_id, error_type, error_message, failed_attempts, first_failed_at, last_failed_at, status)
values (md5(random()::text), 'bench-listing-' || :k, 'REMOTE_SERVER_ERROR', 'HTTP 503', 1, now(), now(), 'active')
on conflict (listing_id) where status <> 'resolved' do update set failed_attempts = t.failed_attempts + 1,
  last_failed_at = greatest(t.last_failed_at, excluded.last_failed_at), error_type = excluded.error_type,
  error_message = excluded.error_message, updated_at = now()`;

const SCRIPTS = {
  bare: `${PICK_LISTING}\ninsert into bench_upsert (k, v) values (:k, 1) on conflict (k) do update set v = bench_upsert.v + 1;\n`,
  upsert: `${PICK_LISTING}\n${ALERT_UPSERT};\n`,
  withFailureRow: `${PICK_LISTING}\nwith counted as (${ALERT_UPSERT} returning id),
failure as (insert into alert_failures (alert_id, feed_id, error_type, error_message, occurred_at)
  select c.id, null, 'REMOTE_SERVER_ERROR', 'HTTP 503', now() from counted c)
select id from counted;\n`,
};
type Variant = keyof typeof SCRIPTS;

runMain(async () => {
  console.log(`# bench:ingest-floor — ${new Date().toISOString()}`);
  console.log(
    `machine: ${machineDescription()}; pgbench, ${CLIENTS} clients, prepared, ${SECONDS} s per run, ${ROUNDS} rounds, ${LISTINGS} listings\n`,
  );
  const engine = await openPostgres(2);
  const directory = mkdtempSync(path.join(os.tmpdir(), "ingest-floor-"));
  try {
    await seedBenchListings(engine.db, LISTINGS);
    await engine.db.execute(sql`create table bench_upsert (k int primary key, v int not null)`);
    const files = Object.fromEntries(
      Object.entries(SCRIPTS).map(([name, script]) => {
        const file = path.join(directory, `${name}.sql`);
        writeFileSync(file, script);
        return [name, file];
      }),
    ) as Record<Variant, string>;
    const url = new URL(engine.url!);
    const tps = (variant: Variant): number => {
      const output = execFileSync(
        "pgbench",
        [
          "-h",
          url.hostname,
          "-p",
          url.port || "5432",
          "-U",
          decodeURIComponent(url.username) || "postgres",
          "-n",
          "-M",
          "prepared",
          "-c",
          String(CLIENTS),
          "-j",
          "2",
          "-T",
          String(SECONDS),
          "-f",
          files[variant],
          url.pathname.slice(1),
        ],
        { encoding: "utf8", env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) } },
      );
      const match = /tps = ([\d.]+)/.exec(output);
      if (!match) throw new Error(`pgbench printed no tps:\n${output}`);
      return Number(match[1]);
    };
    const measure = (label: string, variants: Variant[]) => {
      for (let round = 1; round <= ROUNDS; round++) {
        const bare = tps("bare");
        const figures = variants.map((variant) => [variant, tps(variant)] as const);
        console.log(
          `${label}, round ${round}: bare upsert ${bare.toFixed(0)} tps; ` +
            figures
              .map(([variant, value]) => `${variant} ${value.toFixed(0)} tps (${(value / bare).toFixed(2)}×)`)
              .join("; "),
        );
      }
    };
    measure("schema as migrated", ["upsert", "withFailureRow"]);
    await engine.db.execute(sql`alter table alert_failures drop constraint alert_failures_pkey`);
    await engine.db.execute(sql`alter table alert_failures alter column id drop default`);
    await engine.db.execute(sql`alter table alert_failures alter column id drop not null`);
    await engine.db.execute(sql`drop index alert_failures_occurred_at_idx`);
    await engine.db.execute(
      sql`alter table alert_failures drop constraint alert_failures_alert_id_calendar_sync_alerts_id_fk`,
    );
    await engine.db.execute(
      sql`alter table alert_failures drop constraint alert_failures_feed_id_calendar_feeds_id_fk`,
    );
    measure("timeline without primary key, time index or foreign keys", ["withFailureRow"]);
    console.log(
      "\nbench:alerts's goal is 0.5× the bare upsert for the whole statement (escalation decision and audit rows included), from a Node client.",
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
    await engine.close();
  }
});
