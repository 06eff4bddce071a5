import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, inArray } from "drizzle-orm";
import fc from "fast-check";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeTestFetcher } from "../helpers/fetcher";
import { bookingConflicts, calendarBlocks, calendarFeeds, calendarSyncAlerts } from "@/server/db/schema";
import { DEMO_LISTINGS } from "@/demo/demo-data";
import { seedDemoData } from "@/demo/seed-demo-data";
import { startDemoFeedServer, type DemoFeedServer } from "@/demo/demo-feed-server";
import { syncFeed } from "@/server/services/calendar/calendar.service";

let testDb: TestDatabase;
let feeds: DemoFeedServer;
// As under npm run dev: every failing feed answers well once first.
let devFeeds: DemoFeedServer;
const fetcher = makeTestFetcher({ allowHosts: ["127.0.0.1", "127.0.0.3"] });
beforeAll(async () => {
  testDb = await createTestDatabase();
  feeds = await startDemoFeedServer({ slowMs: 50 });
  devFeeds = await startDemoFeedServer({ slowMs: 50, healthyFirst: true, host: "127.0.0.3" });
});
afterAll(async () => {
  await fetcher.close();
  await feeds.close();
  await devFeeds.close();
  await testDb.close();
});

const HEALTHY = ["airbnb", "booking", "vrbo", "google"];

describe("the demo's calendars", () => {
  it("echo each other on every listing with several platforms, but for the two double bookings of next week", async () => {
    await seedDemoData(testDb.ctx, { feedsBaseUrl: feeds.baseUrl });
    const all = await testDb.db.select().from(calendarFeeds).orderBy(asc(calendarFeeds.id));
    const healthy = all.filter((feed) => HEALTHY.some((style) => feed.urlMasked.includes(`/${style}/`)));
    // Twice round, so that every feed is read against its siblings' stays.
    for (let round = 0; round < 2; round++)
      for (const feed of healthy) await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    const conflicts = await testDb.db.select().from(bookingConflicts).where(eq(bookingConflicts.status, "open"));
    expect(conflicts.map((conflict) => [conflict.listingId, conflict.certainty, conflict.nights]).sort()).toEqual([
      ["demo-listing-23", "certain", 2],
      ["demo-listing-24", "probable", 2],
    ]);
    const today = new Date();
    const inDays = (isoDate: string) =>
      Math.round(
        (Date.parse(`${isoDate}T00:00:00Z`) -
          Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())) /
          86_400_000,
      );
    for (const conflict of conflicts) expect(inDays(conflict.firstNight)).toBeGreaterThanOrEqual(7);
    for (const conflict of conflicts) expect(inDays(conflict.firstNight)).toBeLessThanOrEqual(9);
  });

  it("open no conflict the settled state does not have, whatever the order and pace of the first imports (property)", async () => {
    await seedDemoData(testDb.ctx, { feedsBaseUrl: feeds.baseUrl });
    // The listings with several platforms, their feeds served as under npm run dev (first answers included).
    const shared = DEMO_LISTINGS.filter((listing) => listing.feeds.length > 1);
    const feedIds = shared.flatMap((listing) => listing.feeds.map((_, index) => `${listing.id}-feed-${index + 1}`));
    const settled = new Set(["demo-listing-23 certain", "demo-listing-24 probable"]);
    const devUrl = testDb.db.select().from(calendarFeeds).where(inArray(calendarFeeds.id, feedIds));
    const { protectFeedUrl } = await import("@/server/services/calendar/feed-url");
    const { demoFeedUrl } = await import("@/demo/demo-data");
    const { getConfig } = await import("@/server/config");
    for (const feed of await devUrl) {
      const listing = DEMO_LISTINGS.find((candidate) => candidate.id === feed.listingId)!;
      const index = Number(feed.id.split("-feed-")[1]);
      const url = demoFeedUrl(devFeeds.baseUrl, listing.id, listing.feeds[index - 1]!.scenario, index);
      await testDb.db
        .update(calendarFeeds)
        .set(protectFeedUrl(url, getConfig().encryptionKey))
        .where(eq(calendarFeeds.id, feed.id));
    }
    // A step syncs one feed, or two at once (two workers); each feed comes up one to three times.
    const step = fc.oneof(
      fc.constantFrom(...feedIds).map((id) => [id]),
      fc.uniqueArray(fc.constantFrom(...feedIds), { minLength: 2, maxLength: 2 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        // A first start each run: nothing imported yet, and every path answers its first request again.
        await testDb.db.delete(bookingConflicts).where(
          inArray(
            bookingConflicts.listingId,
            shared.map((listing) => listing.id),
          ),
        );
        await testDb.db.delete(calendarSyncAlerts).where(
          inArray(
            calendarSyncAlerts.listingId,
            shared.map((listing) => listing.id),
          ),
        );
        await testDb.db.delete(calendarBlocks).where(inArray(calendarBlocks.feedId, feedIds));
        await testDb.db
          .update(calendarFeeds)
          .set({
            etag: null,
            lastModified: null,
            bodyHash: null,
            consecutiveFailures: 0,
            eventCount: null,
            emptySince: null,
            lastSuccessAt: null,
          })
          .where(inArray(calendarFeeds.id, feedIds));
        devFeeds.hits.clear();
        for (const ids of [...steps, feedIds, feedIds]) {
          await Promise.all(ids.map((feedId) => syncFeed(testDb.ctx, { feedId, fetcher })));
          const open = await testDb.db
            .select()
            .from(bookingConflicts)
            .where(
              and(
                eq(bookingConflicts.status, "open"),
                inArray(
                  bookingConflicts.listingId,
                  shared.map((listing) => listing.id),
                ),
              ),
            );
          for (const conflict of open)
            expect(settled, `after ${ids.join(" + ")}`).toContain(`${conflict.listingId} ${conflict.certainty}`);
        }
        // Settled: the two double bookings of next week, and nothing else.
        const open = await testDb.db
          .select()
          .from(bookingConflicts)
          .where(
            and(
              eq(bookingConflicts.status, "open"),
              inArray(
                bookingConflicts.listingId,
                shared.map((listing) => listing.id),
              ),
            ),
          );
        expect(new Set(open.map((conflict) => `${conflict.listingId} ${conflict.certainty}`))).toEqual(settled);
      }),
      { numRuns: 8 },
    );
  });
});
