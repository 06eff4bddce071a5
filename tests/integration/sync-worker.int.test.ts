import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import pino from "pino";
import { createTestDatabase, TEST_ON_POSTGRES, type TestDatabase } from "../helpers/test-database";
import { makeHostUser } from "../helpers/factories";
import { startDemoFeedServer, type DemoFeedServer } from "@/demo/demo-feed-server";
import { makeTestFetcher } from "../helpers/fetcher";
import { claimDueFeeds } from "@/server/services/calendar/calendar.service";
import { protectFeedUrl } from "@/server/services/calendar/feed-url";
import { runSyncScheduler } from "@/server/worker/sync-scheduler";
import { connectPostgres } from "@/server/db/connect";
import { calendarFeeds, calendarSyncRuns, listings } from "@/server/db/schema";
import { getConfig } from "@/server/config";
import type { Database } from "@/server/db/database";

let testDb: TestDatabase;
let feeds: DemoFeedServer;
const fetcher = makeTestFetcher({ timeoutMs: 3_000 });
const logger = pino({ level: "silent" });

beforeAll(async () => {
  testDb = await createTestDatabase();
  feeds = await startDemoFeedServer({ slowMs: 300 });
});
afterAll(async () => {
  await fetcher.close();
  await feeds.close();
  await testDb.close();
});

async function makeDueFeeds(count: number, scenario: string, prefix: string): Promise<string[]> {
  const host = await makeHostUser(testDb.db);
  const listingCount = Math.max(1, Math.ceil(count / 5));
  await testDb.db.insert(listings).values(
    Array.from({ length: listingCount }, (_, i) => ({
      id: `${prefix}-l${i}`,
      title: `Annonce ${i}`,
      city: "Nice",
      ownerId: host.id,
    })),
  );
  const key = getConfig().encryptionKey;
  const rows = Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-f${i}`,
    listingId: `${prefix}-l${i % listingCount}`,
    provider: "Booking.com",
    ...protectFeedUrl(`${feeds.baseUrl}/${scenario}/${prefix}-f${i}.ics?t=tok`, key),
    nextSyncAt: new Date(Date.now() - 1000),
  }));
  for (let i = 0; i < rows.length; i += 200) await testDb.db.insert(calendarFeeds).values(rows.slice(i, i + 200));
  return rows.map((row) => row.id);
}

async function runsPerFeed(feedIds: string[]): Promise<Map<string, number>> {
  const rows = await testDb.db
    .select({ feedId: calendarSyncRuns.feedId, count: sql<number>`count(*)::int` })
    .from(calendarSyncRuns)
    .where(inArray(calendarSyncRuns.feedId, feedIds))
    .groupBy(calendarSyncRuns.feedId);
  return new Map(rows.map((row) => [row.feedId, Number(row.count)]));
}

describe("sync worker", () => {
  it(`two workers${TEST_ON_POSTGRES ? " on PostgreSQL (separate pools)" : ""} sync 500 due feeds, each exactly once`, async () => {
    const ids = await makeDueFeeds(500, "booking", "pair");
    // On PostgreSQL the second worker gets its own connection pool, as a second process would.
    const second = TEST_ON_POSTGRES ? connectPostgres(testDb.url!, 10) : null;
    const secondDb: Database = second?.db ?? testDb.db;
    try {
      const signal = new AbortController().signal;
      const [a, b] = await Promise.all([
        runSyncScheduler({ db: testDb.db, fetcher, workerId: "worker-a", concurrency: 8, logger, signal, once: true }),
        runSyncScheduler({ db: secondDb, fetcher, workerId: "worker-b", concurrency: 8, logger, signal, once: true }),
      ]);
      expect(a.synced + b.synced).toBe(500);
      expect(a.failed + b.failed).toBe(0);
      expect(a.synced).toBeGreaterThan(0);
      expect(b.synced).toBeGreaterThan(0);
      const counts = await runsPerFeed(ids);
      expect(counts.size).toBe(500);
      expect([...counts.values()].every((count) => count === 1)).toBe(true);
      const [pending] = await testDb.db
        .select({ count: sql<number>`count(*)::int` })
        .from(calendarFeeds)
        .where(
          sql`${calendarFeeds.id} like 'pair-%' and (${calendarFeeds.nextSyncAt} <= now() or ${calendarFeeds.leaseOwner} is not null)`,
        );
      expect(Number(pending!.count)).toBe(0);
    } finally {
      await second?.close();
    }
  });

  it("takes over the feeds of a worker that died holding them, once their lease expires", async () => {
    const ids = await makeDueFeeds(6, "airbnb", "dead");
    const claimed = await claimDueFeeds(testDb.ctx, { owner: "dead-worker", limit: 100, leaseMs: 2_000 });
    expect(claimed.map((feed) => feed.id)).toEqual(expect.arrayContaining(ids));
    const signal = new AbortController().signal;
    const during = await runSyncScheduler({
      db: testDb.db,
      fetcher,
      workerId: "alive",
      concurrency: 4,
      logger,
      signal,
      once: true,
    });
    expect(during.synced).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const after = await runSyncScheduler({
      db: testDb.db,
      fetcher,
      workerId: "alive",
      concurrency: 4,
      logger,
      signal,
      once: true,
    });
    expect(after.synced).toBe(6);
    expect([...(await runsPerFeed(ids)).values()]).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it("stops on abort after finishing the sync it holds and hands back the feeds it had not started", async () => {
    const ids = await makeDueFeeds(4, "slow", "stop");
    const stop = new AbortController();
    const running = runSyncScheduler({
      db: testDb.db,
      fetcher,
      workerId: "stopping",
      concurrency: 1,
      logger,
      signal: stop.signal,
    });
    // Abort while the first sync is in flight: its request has reached the (slow) feed server.
    const requested = () => [...feeds.hits.keys()].some((path) => path.startsWith("/slow/stop-"));
    while (!requested()) await new Promise((resolve) => setTimeout(resolve, 10));
    stop.abort();
    const summary = await running;
    expect(summary.synced).toBe(1);
    const rows = await testDb.db.select().from(calendarFeeds).where(inArray(calendarFeeds.id, ids));
    expect(rows.filter((row) => row.leaseOwner !== null)).toHaveLength(0);
    expect(rows.filter((row) => row.lastOutcome === "success")).toHaveLength(1);
  });

  it("ends a one-pass run once its last feed is synced, without waiting out the pause before the next read of open incidents", async () => {
    // One feed at a time, each answering after 300 ms: the second claim asks for the open incidents again while the
    // first read is long done, so that read waits for the spacing (an hour here) when the run's last sync ends.
    const ids = await makeDueFeeds(3, "slow", "pause");
    const summary = await runSyncScheduler({
      db: testDb.db,
      fetcher,
      workerId: "pause-worker",
      concurrency: 1,
      perProviderConcurrency: 1,
      logger,
      signal: new AbortController().signal,
      once: true,
      downReadSpacingMs: 3_600_000,
    });
    // Feeds left due by other tests of this file may be synced in the same pass.
    expect(summary.synced).toBeGreaterThanOrEqual(3);
    expect([...(await runsPerFeed(ids)).values()]).toEqual([1, 1, 1]);
  });

  it("keeps going when feeds fail, counting failures by type", async () => {
    await makeDueFeeds(3, "not-found", "bad");
    const summary = await runSyncScheduler({
      db: testDb.db,
      fetcher,
      workerId: "w",
      concurrency: 2,
      logger,
      signal: new AbortController().signal,
      once: true,
    });
    expect(summary.failuresByType).toEqual({ FEED_NOT_FOUND: 3 });
    const [feed] = await testDb.db.select().from(calendarFeeds).where(eq(calendarFeeds.id, "bad-f0"));
    expect(feed!.consecutiveFailures).toBe(1);
  });
});
