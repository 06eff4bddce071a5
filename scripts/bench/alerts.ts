// npm run bench:alerts: alert upsert throughput beside a bare upsert, and list-query latency over 1,000,000 alerts.
import { Placeholder, sql } from "drizzle-orm";
import type { Database } from "../../src/server/db/database";
import { queryRows } from "../../src/server/db/query-rows";
import { createCalendarSyncAlert } from "../../src/server/services/alerting/create-calendar-sync-alert";
import {
  buildAlertListQueries,
  listAlerts,
  type ListAlertsInput,
} from "../../src/server/services/read-models/list-alerts";
import { runMain } from "../lib";
import { systemContext } from "../../src/server/service-context";
import { seedAlertHistory, seedBenchListings } from "./seed-alerts";
import { machineDescription, openPglite, openPostgres, percentile, runConcurrently, type BenchEngine } from "./engines";

// The list service checks who reads; the benchmark reads as a support agent.
const BENCH_VIEWER = { id: "bench", role: "support", name: "Benchmark", email: "bench@example.com" } as const;

const LISTINGS = 1_000;
const CONCURRENCY = 32;
const HISTORY = Number(process.env.BENCH_HISTORY ?? 1_000_000);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor((values.length - 1) / 2)]!;

/**
 * Baseline and subject interleaved, ROUNDS times: a bare one-row upsert (as many calls as the round's failures),
 * then the round's failures through createCalendarSyncAlert (five per listing: it opens, counts, escalates with
 * its e-mail at the third, counts twice more). What a round opened is resolved before the next.
 */
async function measureThroughput(engine: BenchEngine, listings: string[], failures: number) {
  const { db } = engine;
  await db.execute(sql`create table bench_upsert (k int primary key, v int not null)`);
  const perRound = Math.max(listings.length, Math.round(failures / ROUNDS));
  const rounds: Array<{ baseline: number; alerts: number }> = [];
  for (let round = 0; round < ROUNDS; round++) {
    const baseline = await runConcurrently(perRound, CONCURRENCY, (i) =>
      db.execute(
        sql`insert into bench_upsert (k, v) values (${i % LISTINGS}, 1) on conflict (k) do update set v = bench_upsert.v + 1`,
      ),
    );
    const alerts = await runConcurrently(perRound, CONCURRENCY, (i) =>
      createCalendarSyncAlert(systemContext(db), {
        listingId: listings[i % LISTINGS]!,
        errorType: "REMOTE_SERVER_ERROR",
        errorMessage: `HTTP 503 (bench ${round}/${i})`,
        threshold: 3,
      }),
    );
    await db.execute(
      sql`update calendar_sync_alerts set status = 'resolved', resolved_at = now(), resolved_automatically = true where status <> 'resolved'`,
    );
    rounds.push({ baseline, alerts });
    console.log(
      `round ${round + 1}: bare upsert ${baseline.toFixed(0)}/s, alert failures ${alerts.toFixed(0)}/s, ratio ${(alerts / baseline).toFixed(2)}`,
    );
  }
  return {
    baseline: median(rounds.map((round) => round.baseline)),
    alerts: median(rounds.map((round) => round.alerts)),
    ratio: median(rounds.map((round) => round.alerts / round.baseline)),
    perRound,
  };
}

async function latency(db: Database, filters: ListAlertsInput, runs: number) {
  await listAlerts({ db, actor: BENCH_VIEWER }, filters);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await listAlerts({ db, actor: BENCH_VIEWER }, filters);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function planOf(db: Database, filters: ListAlertsInput): Promise<string> {
  const { rows, counts, values } = buildAlertListQueries(db, filters);
  const describe = async (query: typeof rows | typeof counts) => {
    // The list's statements bind their values as placeholders: EXPLAIN them with this request's values.
    const { sql: text, params } = query.toSQL();
    const bound = params.map((param) => (param instanceof Placeholder ? values[param.name] : param));
    const parts = text.split(/\$(\d+)/);
    const explained = sql.join(
      parts.map((part, index) => (index % 2 === 0 ? sql.raw(part) : sql`${bound[Number(part) - 1]}`)),
    );
    const plan = await queryRows<{ "QUERY PLAN": string }>(db, sql`explain ${explained}`);
    const lines = plan.map((row) => row["QUERY PLAN"]);
    const scans = lines
      .flatMap(
        (line) =>
          /(Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan)(?: Backward)?(?: using (\w+))? on (\w+)/.exec(
            line,
          ) ?? [],
      )
      .filter(Boolean);
    const used = lines
      .map((line) =>
        /((?:Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan)(?: Backward)?(?: using \w+)?)(?: on (\w+))?/.exec(
          line,
        ),
      )
      .filter(
        (match): match is RegExpExecArray =>
          match !== null && (match[2] === "calendar_sync_alerts" || (match[1] ?? "").includes("calendar_sync_alerts")),
      )
      .map((match) => match[1]);
    return used.length ? used.join(", ") : scans.join(" ");
  };
  return `rows: ${await describe(rows)} | counts: ${await describe(counts)}`;
}

async function benchEngine(engine: BenchEngine, failures: number, runs: number) {
  console.log(`\n## ${engine.label}`);
  const listings = await seedBenchListings(engine.db, LISTINGS);
  const { baseline, alerts, ratio, perRound } = await measureThroughput(engine, listings, failures);
  console.log(`median of ${ROUNDS} rounds of ${perRound} calls each (${CONCURRENCY} callers, ${LISTINGS} listings):`);
  console.log(
    `  failures through createCalendarSyncAlert: ${alerts.toFixed(0)}/s; bare single-statement upsert: ${baseline.toFixed(0)}/s`,
  );
  console.log(
    `  median ratio alert/bare: ${ratio.toFixed(2)}  (the count is one statement: upsert, failure row, audit row; an escalating failure applies the escalation and records its event in two more)`,
  );

  let started = performance.now();
  await seedAlertHistory(engine.db, LISTINGS, HISTORY);
  console.log(
    `seeded ${HISTORY.toLocaleString("en")} history alerts in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const cases: Array<[string, ListAlertsInput]> = [
    ["open alerts, first page (dashboard order)", {}],
    ["history, all statuses, first page", { status: "all" }],
    ["history of one listing", { status: "all", listingId: "bench-listing-42" }],
    ["resolved, one error type", { status: "resolved", errorType: "TIMEOUT" }],
  ];
  // A deep page: walk 40 pages in, then measure the page after.
  let cursor: string | undefined;
  for (let page = 0; page < 40; page++)
    cursor =
      (await listAlerts({ db: engine.db, actor: BENCH_VIEWER }, { status: "all", cursor })).meta.nextCursor ??
      undefined;
  cases.push(["history, page 41 via cursor", { status: "all", cursor }]);

  started = performance.now();
  for (const [label, filters] of cases) {
    const { p50, p95 } = await latency(engine.db, filters, runs);
    console.log(`list API query — ${label}: p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms`);
    console.log(`    plan: ${await planOf(engine.db, filters)}`);
  }
}

async function main() {
  console.log(`# bench:alerts — ${new Date().toISOString()}`);
  console.log(`machine: ${machineDescription()}`);
  const only = process.argv[2];
  if (!only || only === "pglite") {
    const engine = await openPglite();
    try {
      await benchEngine(engine, 3_000, 50);
    } finally {
      await engine.close();
    }
  }
  if (!only || only === "postgres") {
    const engine = await openPostgres(CONCURRENCY);
    try {
      const [version] = await queryRows<{ server_version: string }>(engine.db, sql`show server_version`);
      console.log(`\n(PostgreSQL ${version?.server_version})`);
      await benchEngine(engine, 25_000, 200);
    } finally {
      await engine.close();
    }
  }
}

runMain(main);
