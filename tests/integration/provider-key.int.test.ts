import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeFeed, makeHostUser, makeListing, SUPPORT_VIEWER } from "../helpers/factories";
import { apiRequest, readJson, routeContext, sessionCookieFor } from "../helpers/requests";
import { calendarFeeds } from "@/server/db/schema";
import { addCalendarFeed } from "@/server/services/calendar/calendar.service";
import { rekeyFeedProviders } from "@/server/services/calendar/feeds/rekey-providers";
import { createCalendarSyncAlert } from "@/server/services/alerting/alerting.service";
import { listAlerts, listProviderKeys } from "@/server/services/read-models/read-models.service";
import { GET as listRoute } from "@/app/api/admin/alerts/calendar-sync/route";
import { makeSupportUser } from "../helpers/factories";
import { makeTestFetcher } from "../helpers/fetcher";
import { startDemoFeedServer } from "@/demo/demo-feed-server";

let testDb: TestDatabase;
const fetcher = makeTestFetcher();
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await fetcher.close();
  await testDb.close();
});
const db = () => testDb.db;

describe("a feed's provider", () => {
  it("is derived from the URL when the feed is added, whatever label the host gives it", async () => {
    const host = await makeHostUser(db());
    const listing = await makeListing(db(), { ownerId: host.id });
    const server = await startDemoFeedServer({ host: "127.0.0.1" });
    try {
      const { feed } = await addCalendarFeed(
        { ...testDb.as(host), fetcher },
        {
          listingId: listing.id,
          provider: "Mon calendrier",
          url: `${server.baseUrl}/airbnb/${listing.id}.ics?s=secret`,
        },
      );
      const [row] = await db().select().from(calendarFeeds).where(eq(calendarFeeds.id, feed.id));
      expect(row).toMatchObject({
        provider: "Mon calendrier",
        providerKey: `127.0.0.1:${new URL(server.baseUrl).port}`,
      });
    } finally {
      await server.close();
    }
  });

  it("is backfilled by the migration from the masked URL of feeds stored before", async () => {
    const listing = await makeListing(db());
    const feeds = await Promise.all([
      makeFeed(db(), listing.id, { url: "https://www.airbnb.fr/calendar/ical/1.ics?s=a" }),
      makeFeed(db(), listing.id, { url: "https://admin.booking.com/hotel/hoteladmin/ical.html?t=b" }),
      makeFeed(db(), listing.id, { url: "http://127.0.0.3:4010/x.ics?t=c" }),
      makeFeed(db(), listing.id, { url: "https://www.Example.org/SECRET/cal.ics" }),
    ]);
    const ids = feeds.map((feed) => feed.id);
    await db().update(calendarFeeds).set({ providerKey: "" }).where(inArray(calendarFeeds.id, ids));
    await db().execute(sql.raw(readFileSync(path.resolve("drizzle/0010_backfill_feed_provider_key.sql"), "utf8")));
    const rows = await db()
      .select({ id: calendarFeeds.id, key: calendarFeeds.providerKey })
      .from(calendarFeeds)
      .where(inArray(calendarFeeds.id, ids));
    expect(ids.map((id) => rows.find((row) => row.id === id)!.key)).toEqual([
      "Airbnb",
      "Booking.com",
      "127.0.0.3",
      "example.org",
    ]);
  });

  it("is recomputed when a worker starts, for feeds keyed by an older rule", async () => {
    const listing = await makeListing(db());
    const spoof = await makeFeed(db(), listing.id, { url: "https://airbnb.zz/calendar/ical/1.ics?s=a" });
    const ported = await makeFeed(db(), listing.id, { url: "http://127.0.0.3:4010/x.ics?t=c" });
    await db().update(calendarFeeds).set({ providerKey: "Airbnb" }).where(eq(calendarFeeds.id, spoof.id));
    await db().update(calendarFeeds).set({ providerKey: "127.0.0.3" }).where(eq(calendarFeeds.id, ported.id));
    expect(await rekeyFeedProviders(testDb.ctx, { batchSize: 2 })).toBeGreaterThanOrEqual(2);
    const rows = await db()
      .select({ id: calendarFeeds.id, key: calendarFeeds.providerKey })
      .from(calendarFeeds)
      .where(inArray(calendarFeeds.id, [spoof.id, ported.id]));
    expect(Object.fromEntries(rows.map((row) => [row.id, row.key]))).toEqual({
      [spoof.id]: "airbnb.zz",
      [ported.id]: "127.0.0.3:4010",
    });
    expect(await rekeyFeedProviders(testDb.ctx, { batchSize: 2 })).toBe(0);
  });

  it("filters the alerts list, in the service and the API", async () => {
    const onAirbnb = await makeListing(db());
    await makeFeed(db(), onAirbnb.id, { url: "https://www.airbnb.com/calendar/ical/2.ics?s=a" });
    const onVrbo = await makeListing(db());
    await makeFeed(db(), onVrbo.id, { url: "https://www.vrbo.com/icalendar/2.ics" });
    for (const listing of [onAirbnb, onVrbo])
      await createCalendarSyncAlert(testDb.ctx, {
        listingId: listing.id,
        errorType: "REMOTE_SERVER_ERROR",
        errorMessage: "HTTP 503",
        threshold: 3,
      });
    const airbnb = await listAlerts(testDb.as(SUPPORT_VIEWER), { provider: "Airbnb" });
    expect(airbnb.data.map((alert) => alert.listing.id)).toContain(onAirbnb.id);
    expect(airbnb.data.map((alert) => alert.listing.id)).not.toContain(onVrbo.id);
    const cookie = await sessionCookieFor(await makeSupportUser(db()));
    const { status, body } = await readJson(
      await listRoute(
        apiRequest("/api/admin/alerts/calendar-sync?provider=Vrbo%2FAbritel", { cookie }),
        routeContext({}),
      ),
    );
    expect(status).toBe(200);
    expect(body.data.map((alert: { listing: { id: string } }) => alert.listing.id)).toEqual([onVrbo.id]);
    expect(await listProviderKeys(testDb.as(SUPPORT_VIEWER))).toEqual(
      expect.arrayContaining(["Airbnb", "Vrbo/Abritel"]),
    );
  });
});
