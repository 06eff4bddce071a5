import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeListing } from "../helpers/factories";
import { CHURNING_TABLES, maintainEmbeddedDatabase } from "@/server/db/maintain-embedded";
import { queryRows } from "@/server/db/query-rows";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());
const db = () => testDb.db;

const FEEDS = 2_000;
const feedsSize = async () => Number((await queryRows<{ size: string }>(db(), sql`select pg_relation_size('calendar_feeds') as size`))[0]!.size);
// What every sync does to its feed's row: a new next_sync_at (indexed, so each update leaves a dead row behind).
const syncRound = () => db().execute(sql`update calendar_feeds set next_sync_at = next_sync_at + interval '15 minutes', last_attempt_at = now()`);

describe("the embedded database's maintenance", () => {
  it("recycles the dead rows the syncs leave: the feeds' table stops growing", async () => {
    // On PostgreSQL, autovacuum must not do the maintenance's work during the test.
    await db().execute(sql`alter table calendar_feeds set (autovacuum_enabled = false)`);
    const listing = await makeListing(db());
    await db().execute(sql`insert into calendar_feeds (id, listing_id, provider, provider_key, url_ciphertext, url_masked)
      select 'maint-' || g, ${listing.id}, 'Airbnb', 'Airbnb', 'v1:none', 'https://www.airbnb.fr/…' from generate_series(1, ${FEEDS}::int) g`);
    await maintainEmbeddedDatabase(db());
    const start = await feedsSize();
    for (let round = 0; round < 8; round++) await syncRound();
    const grownWithout = (await feedsSize()) - start;
    // Without maintenance every round adds a table's worth of dead rows.
    expect(grownWithout).toBeGreaterThan(start * 3);

    await maintainEmbeddedDatabase(db());
    const before = await feedsSize();
    for (let round = 0; round < 8; round++) {
      await syncRound();
      await maintainEmbeddedDatabase(db());
    }
    const grownWith = (await feedsSize()) - before;
    // With it, the next rounds reuse the space the vacuum freed.
    expect(grownWith).toBeLessThan(grownWithout / 4);
    const live = await queryRows<{ count: number }>(db(), sql`select count(*)::int as count from calendar_feeds where id like 'maint-%'`);
    expect(live[0]!.count).toBe(FEEDS);
  });

  it("names only tables that exist", async () => {
    const rows = await queryRows<{ name: string }>(db(), sql`select table_name as name from information_schema.tables where table_schema = 'public'`);
    const names = new Set(rows.map((row) => row.name));
    for (const table of CHURNING_TABLES) expect(names, table).toContain(table);
  });
});
