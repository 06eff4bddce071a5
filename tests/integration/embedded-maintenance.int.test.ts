import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import pino from "pino";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeListing } from "../helpers/factories";
import { CHURNING_TABLES, maintainEmbeddedDatabase, readTableChurn } from "@/server/db/maintain-embedded";
import { migratePgliteInstance } from "@/server/db/migrate";
import { servePgliteOverTcp, type PgliteWireServer } from "@/server/db/pglite-wire-server";
import { connectPostgres } from "@/server/db/connect";
import type { Database, DatabaseHandle } from "@/server/db/database";
import { queryRows } from "@/server/db/query-rows";
import { runEmbeddedMaintenanceLoop } from "@/server/worker/embedded-maintenance-loop";

let testDb: TestDatabase;
// The embedded engine as the worker sees it: PGlite behind our wire server, whatever TEST_DB says (the maintenance
// reads the statistics of PGlite's one backend; PostgreSQL has autovacuum instead).
let instance: PGlite;
let server: PgliteWireServer;
let worker: DatabaseHandle;
beforeAll(async () => {
  testDb = await createTestDatabase();
  instance = await PGlite.create();
  await migratePgliteInstance(instance);
  server = await servePgliteOverTcp(instance, { host: "127.0.0.1", port: 0, password: null });
  worker = connectPostgres(
    `postgres://postgres@127.0.0.1:${server.port}/postgres`,
    4,
    "pglite-server",
    "csa-worker-test",
  );
});
afterAll(async () => {
  await worker.close();
  await server.close();
  await instance.close();
  await testDb.close();
});

const FEEDS = 2_000;
const feedsSize = async (db: Database) =>
  Number((await queryRows<{ size: string }>(db, sql`select pg_relation_size('calendar_feeds') as size`))[0]!.size);
const seedFeeds = async (db: Database) => {
  const listing = await makeListing(db);
  await db.execute(sql`insert into calendar_feeds (id, listing_id, provider, provider_key, url_ciphertext, url_masked)
    select 'maint-' || g, ${listing.id}, 'Airbnb', 'Airbnb', 'v1:none', 'https://www.airbnb.fr/…' from generate_series(1, ${FEEDS}::int) g`);
};
// What a sync does to its feed's row: a new next_sync_at (indexed, so each update leaves a dead row behind).
const syncFeeds = (db: Database, from: number, count: number) =>
  db.execute(sql`update calendar_feeds set next_sync_at = next_sync_at + interval '15 minutes', last_attempt_at = now()
    where id in (select 'maint-' || g from generate_series(${from}::int, ${from + count - 1}::int) g)`);
const feedsChurn = async (db: Database) =>
  (await readTableChurn(db)).find((churn) => churn.table === "calendar_feeds")!;

describe("the embedded database's maintenance", () => {
  it("recycles the dead rows the syncs leave: the feeds' table stops growing", async () => {
    const db = testDb.db;
    // On PostgreSQL, autovacuum must not do the maintenance's work during the test.
    await db.execute(sql`alter table calendar_feeds set (autovacuum_enabled = false)`);
    await seedFeeds(db);
    await maintainEmbeddedDatabase(db, { checkpointAfterMs: 0, everything: true });
    const start = await feedsSize(db);
    for (let round = 0; round < 8; round++) await syncFeeds(db, 1, FEEDS);
    const grownWithout = (await feedsSize(db)) - start;
    // Without maintenance every round adds a table's worth of dead rows.
    expect(grownWithout).toBeGreaterThan(start * 3);

    await maintainEmbeddedDatabase(db, { checkpointAfterMs: 0, everything: true });
    const before = await feedsSize(db);
    for (let round = 0; round < 8; round++) {
      await syncFeeds(db, 1, FEEDS);
      await maintainEmbeddedDatabase(db, { checkpointAfterMs: 0, everything: true });
    }
    const grownWith = (await feedsSize(db)) - before;
    // With it, the next rounds reuse the space the vacuum freed.
    expect(grownWith).toBeLessThan(grownWithout / 4);
    const live = await queryRows<{ count: number }>(
      db,
      sql`select count(*)::int as count from calendar_feeds where id like 'maint-%'`,
    );
    expect(live[0]!.count).toBe(FEEDS);
  });

  it("on PGlite, vacuums a table once its dead rows pass the threshold, and only then: dead rows stay under half the live ones", async () => {
    const db = worker.db;
    await seedFeeds(db);
    await maintainEmbeddedDatabase(db, { checkpointAfterMs: 0, everything: true });
    expect((await feedsChurn(db)).dead).toBe(0);
    // A quiet minute: 100 syncs, under the threshold (50 + a tenth of 2,000 live rows).
    await syncFeeds(db, 1, 100);
    const quiet = await maintainEmbeddedDatabase(db, { checkpointAfterMs: 60_000 });
    expect(quiet.vacuumed).not.toContain("calendar_feeds");
    expect((await feedsChurn(db)).dead).toBe(100);
    // Busy minutes: 600 syncs between two looks, 20 looks (every feed synced six times over).
    let vacuums = 0;
    for (let minute = 0; minute < 20; minute++) {
      await syncFeeds(db, 1 + ((minute * 600) % (FEEDS - 600)), 600);
      const report = await maintainEmbeddedDatabase(db, { checkpointAfterMs: 60_000 });
      if (report.vacuumed.includes("calendar_feeds")) vacuums++;
      const churn = await feedsChurn(db);
      expect(churn.live).toBe(FEEDS);
      expect(churn.dead).toBeLessThanOrEqual(0.5 * churn.live);
    }
    expect(vacuums).toBe(20);
    // Checkpoints follow time: one at once when the last is older than asked.
    expect((await maintainEmbeddedDatabase(db, { checkpointAfterMs: 0 })).checkpointed).toBe(true);
  });

  it("the worker's loop looks on its own and vacuums what the syncs left", async () => {
    const db = worker.db;
    await syncFeeds(db, 1, FEEDS);
    expect((await feedsChurn(db)).dead).toBeGreaterThanOrEqual(FEEDS);
    const stop = new AbortController();
    const loop = runEmbeddedMaintenanceLoop({
      db,
      logger: pino({ level: "silent" }),
      signal: stop.signal,
      checkpointAfterMs: 60_000,
      checkEveryMs: 20,
    });
    try {
      let churn = await feedsChurn(db);
      for (let look = 0; look < 500 && churn.dead >= FEEDS; look++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        churn = await feedsChurn(db);
      }
      expect(churn.dead).toBeLessThan(FEEDS / 2);
    } finally {
      stop.abort();
      await loop;
    }
  });

  it("names only tables that exist", async () => {
    const rows = await queryRows<{ name: string }>(
      testDb.db,
      sql`select table_name as name from information_schema.tables where table_schema = 'public'`,
    );
    const names = new Set(rows.map((row) => row.name));
    for (const table of CHURNING_TABLES) expect(names, table).toContain(table);
  });
});
