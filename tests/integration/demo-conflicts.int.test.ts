import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeTestFetcher } from "../helpers/fetcher";
import { bookingConflicts, calendarFeeds } from "@/server/db/schema";
import { seedDemoData } from "@/demo/seed-demo-data";
import { startDemoFeedServer, type DemoFeedServer } from "@/demo/demo-feed-server";
import { syncFeed } from "@/server/services/calendar/calendar.service";

let testDb: TestDatabase;
let feeds: DemoFeedServer;
const fetcher = makeTestFetcher();
beforeAll(async () => {
  testDb = await createTestDatabase();
  feeds = await startDemoFeedServer({ slowMs: 50 });
});
afterAll(async () => {
  await fetcher.close();
  await feeds.close();
  await testDb.close();
});

const HEALTHY = ["airbnb", "booking", "vrbo", "google"];

describe("the demo's calendars", () => {
  it("echo each other on every listing with several platforms, but for the two double bookings of next week", async () => {
    await seedDemoData(testDb.ctx, { feedsBaseUrl: feeds.baseUrl });
    const all = await testDb.db.select().from(calendarFeeds).orderBy(asc(calendarFeeds.id));
    const healthy = all.filter((feed) => HEALTHY.some((style) => feed.urlMasked.includes(`/${style}/`)));
    // Twice round, so that every feed is read against its siblings' stays.
    for (let round = 0; round < 2; round++) for (const feed of healthy) await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    const conflicts = await testDb.db.select().from(bookingConflicts).where(eq(bookingConflicts.status, "open"));
    expect(conflicts.map((conflict) => [conflict.listingId, conflict.certainty, conflict.nights]).sort()).toEqual([
      ["demo-listing-23", "certain", 2],
      ["demo-listing-24", "probable", 2],
    ]);
    const today = new Date();
    const inDays = (isoDate: string) => Math.round((Date.parse(`${isoDate}T00:00:00Z`) - Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())) / 86_400_000);
    for (const conflict of conflicts) expect(inDays(conflict.firstNight)).toBeGreaterThanOrEqual(7);
    for (const conflict of conflicts) expect(inDays(conflict.firstNight)).toBeLessThanOrEqual(9);
  });
});
