// npm run bench:conflicts: the booking-conflict list API's queries over 100,000 conflicts in history, on PostgreSQL:
// their plans (which index serves each) and their times, through the service's own query builder.
import { sql } from "drizzle-orm";
import type { Database } from "../../src/server/db/database";
import { queryRows } from "../../src/server/db/query-rows";
import {
  buildConflictListQuery,
  listConflicts,
  type ListConflictsInput,
} from "../../src/server/services/read-models/list-conflicts";
import { runMain } from "../lib";
import { machineDescription, openPostgres, percentile } from "./engines";
import { seedBenchListings } from "./seed-alerts";

const LISTINGS = 1_000;
const HISTORY = Number(process.env.BENCH_CONFLICTS ?? 100_000);
const RUNS = 50;
const VIEWER = { id: "bench", role: "support", name: "Benchmark", email: "bench@example.com" } as const;

/** `count` conflicts over two years, resolved or dismissed, and one open conflict on every tenth listing. */
async function seedConflicts(db: Database, count: number) {
  await db.execute(sql`insert into booking_conflicts (id, listing_id, certainty, status, feed_a_id, uid_a, provider_a, kind_a, starts_at_a, ends_at_a,
      feed_b_id, uid_b, provider_b, kind_b, starts_at_b, ends_at_b, first_night, last_night, nights, detected_at, resolved_at, resolution)
    select 'bc' || g, 'bench-listing-' || (g % ${LISTINGS}), case when g % 3 = 0 then 'probable' else 'certain' end::conflict_certainty,
      case when g % 5 = 0 then 'dismissed' else 'resolved' end::conflict_status,
      'fa' || g, 'ua' || g, 'Airbnb', 'reservation', d, d + interval '3 days', 'fb' || g, 'ub' || g, 'Vrbo', 'reservation', d + interval '1 day', d + interval '4 days',
      (d + interval '1 day')::date, (d + interval '2 days')::date, 2, d - interval '10 days', d - interval '9 days', 'chevauchement disparu'
    from generate_series(1, ${count}::int) g, lateral (select now() - (g % 730) * interval '1 day' as d) t`);
  await db.execute(sql`insert into booking_conflicts (id, listing_id, certainty, status, feed_a_id, uid_a, provider_a, kind_a, starts_at_a, ends_at_a,
      feed_b_id, uid_b, provider_b, kind_b, starts_at_b, ends_at_b, first_night, last_night, nights, detected_at)
    select 'bo' || g, 'bench-listing-' || g, 'certain', 'open', 'ofa' || g, 'oua' || g, 'Airbnb', 'reservation', d, d + interval '3 days',
      'ofb' || g, 'oub' || g, 'Vrbo', 'reservation', d + interval '1 day', d + interval '4 days', (d + interval '1 day')::date, (d + interval '2 days')::date, 2, now()
    from generate_series(0, ${LISTINGS - 1}::int, 10) g, lateral (select now() + (g % 60) * interval '1 day' as d) t`);
  await db.execute(sql`analyze booking_conflicts`);
}

async function planOf(db: Database, filters: ListConflictsInput): Promise<string> {
  const { query } = buildConflictListQuery(db, filters);
  const plan = await queryRows<{ "QUERY PLAN": string }>(db, sql`explain ${query}`);
  return plan
    .map((row) =>
      /((?:Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan)(?: Backward)?(?: using \w+)?) on (\w+)/.exec(
        row["QUERY PLAN"],
      ),
    )
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => `${match[1]} on ${match[2]}`)
    .join(", ");
}

runMain(async () => {
  console.log(`machine: ${machineDescription()}`);
  const engine = await openPostgres(4);
  try {
    await seedBenchListings(engine.db, LISTINGS);
    const started = performance.now();
    await seedConflicts(engine.db, HISTORY);
    console.log(
      `seeded ${HISTORY.toLocaleString("en")} closed conflicts and ${LISTINGS / 10} open ones in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    let cursor: string | undefined;
    for (let page = 0; page < 40; page++)
      cursor =
        (await listConflicts({ db: engine.db, actor: VIEWER }, { status: "all", cursor })).meta.nextCursor ?? undefined;
    const cases: Array<[string, ListConflictsInput]> = [
      ["open conflicts, first page (soonest first)", {}],
      ["history, all statuses, first page", { status: "all" }],
      ["history of one listing", { status: "all", listingId: "bench-listing-42" }],
      ["dismissed, probable", { status: "dismissed", certainty: "probable" }],
      ["history, page 41 via cursor", { status: "all", cursor }],
    ];
    for (const [label, filters] of cases) {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const start = performance.now();
        await listConflicts({ db: engine.db, actor: VIEWER }, filters);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      console.log(`${label}: p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms`);
      console.log(`    plan: ${await planOf(engine.db, filters)}`);
    }
  } finally {
    await engine.close();
  }
});
