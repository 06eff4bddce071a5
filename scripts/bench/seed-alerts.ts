import { sql } from "drizzle-orm";
import type { Database } from "../../src/server/db/database";

/** The bench host and its listings bench-listing-0…count-1. */
export async function seedBenchListings(db: Database, listingCount: number): Promise<string[]> {
  await db.execute(
    sql`insert into users (id, email, name, password_hash, role) values ('bench-host', 'bench@example.com', 'Bench', 'x', 'host')`,
  );
  await db.execute(sql`insert into listings (id, title, city, owner_id)
    select 'bench-listing-' || g, 'Annonce ' || g, 'Lyon', 'bench-host' from generate_series(0, ${listingCount - 1}::int) g`);
  return Array.from({ length: listingCount }, (_, i) => `bench-listing-${i}`);
}

/**
 * `historyCount` resolved alerts over two years, plus one open alert (escalated from 3 attempts) on a third of the
 * listings, or on the first `openCount` listings when given.
 */
export async function seedAlertHistory(db: Database, listingCount: number, historyCount: number, openCount?: number) {
  const batch = 250_000;
  for (let start = 0; start < historyCount; start += batch) {
    await db.execute(sql`insert into calendar_sync_alerts
        (id, listing_id, error_type, error_message, failed_attempts, first_failed_at, last_failed_at, status, resolved_at, resolved_automatically)
      select 'hist-' || g, 'bench-listing-' || (g % ${listingCount}::int),
        (array['FEED_NOT_FOUND','TIMEOUT','REMOTE_SERVER_ERROR','ACCESS_DENIED','INVALID_ICAL'])[1 + g % 5],
        'HTTP 500', 1 + g % 7,
        timestamptz '2026-11-01' - (g * interval '63 seconds') - interval '2 hours',
        timestamptz '2026-11-01' - (g * interval '63 seconds'),
        'resolved', timestamptz '2026-11-01' - (g * interval '63 seconds') + interval '1 hour', true
      from generate_series(${start}::int, ${Math.min(start + batch, historyCount) - 1}::int) g`);
  }
  await db.execute(sql`insert into calendar_sync_alerts
      (id, listing_id, error_type, error_message, failed_attempts, first_failed_at, last_failed_at, status)
    select 'open-' || g, 'bench-listing-' || g, 'TIMEOUT', 'timeout', 1 + g % 9, now() - interval '3 hours', now() - (g * interval '7 seconds'),
      case when 1 + g % 9 >= 3 then 'escalated'::alert_status else 'active'::alert_status end
    from generate_series(0, ${openCount === undefined ? listingCount - 1 : openCount - 1}::int, ${openCount === undefined ? 3 : 1}::int) g`);
  await db.execute(sql`analyze calendar_sync_alerts`);
}
