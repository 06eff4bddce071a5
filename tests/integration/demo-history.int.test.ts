import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { SUPPORT_VIEWER } from "../helpers/factories";
import { alertEvents, calendarFeeds, emailOutbox, providerIncidents } from "@/server/db/schema";
import { startDemoFeedServer } from "@/demo/demo-feed-server";
import { syncFeed } from "@/server/services/calendar/calendar.service";
import { makeTestFetcher } from "../helpers/fetcher";
import { seedDemoData } from "@/demo/seed-demo-data";
import { seedDemoHistory } from "@/demo/seed-demo-history";
import { countFailuresPerDay, listAlerts } from "@/server/services/read-models/read-models.service";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());

describe("the demo's past", () => {
  it("gives the chart, the history and the filters 30 days of past on the first start, once", async () => {
    await seedDemoData(testDb.ctx, { feedsBaseUrl: "http://127.0.0.1:4010" });
    const first = await seedDemoHistory(testDb.ctx);
    expect(first.alerts).toBe(14);
    expect(await seedDemoHistory(testDb.ctx)).toEqual({ alerts: 0 });

    const history = await listAlerts(testDb.as(SUPPORT_VIEWER), { status: "resolved", limit: 100 });
    expect(history.data).toHaveLength(14);
    expect(history.data.some((alert) => alert.resolvedBy?.name === "Sophie Martin")).toBe(true);
    expect(history.data.some((alert) => alert.resolvedAutomatically)).toBe(true);
    expect(history.data.some((alert) => alert.escalatedAt !== null)).toBe(true);
    expect(history.data.some((alert) => alert.escalationHeldAt !== null)).toBe(true);
    expect(history.data.some((alert) => alert.hostNotifiedAt !== null)).toBe(true);
    expect(history.data.every((alert) => new Date(alert.resolvedAt!).getTime() < Date.now() - 86_400_000)).toBe(true);
    // Some of the past was taken by an agent, with a note on its timeline.
    expect(history.data.some((alert) => alert.assignee?.name === "Sophie Martin")).toBe(true);
    const notes = await testDb.db.select().from(alertEvents).where(eq(alertEvents.kind, "note"));
    expect(notes.some((note) => note.occurredAt.getTime() < Date.now() - 7 * 86_400_000)).toBe(true);
    // Today: one open alert taken by Karim Benali; one snoozed until tomorrow 9 h, off the open list.
    const open = await listAlerts(testDb.as(SUPPORT_VIEWER), {});
    expect(open.data.map((alert) => [alert.listing.id, alert.assignee?.name ?? null])).toEqual([
      ["demo-listing-06", "Karim Benali"],
    ]);
    const snoozed = await listAlerts(testDb.as(SUPPORT_VIEWER), { status: "snoozed" });
    expect(snoozed.data.map((alert) => alert.listing.id)).toEqual(["demo-listing-11"]);
    expect(new Date(snoozed.data[0]!.snoozedUntil!).getTime()).toBeGreaterThan(Date.now());

    const days = await countFailuresPerDay(testDb.as(SUPPORT_VIEWER), 30);
    expect(days.filter((day) => day.failures > 0).length).toBeGreaterThanOrEqual(10);
    expect(
      await testDb.db.select().from(providerIncidents).where(eq(providerIncidents.status, "resolved")),
    ).not.toHaveLength(0);
    // The past's e-mails are not sent now.
    expect(
      await testDb.db
        .select({ n: sql<number>`count(*)::int` })
        .from(emailOutbox)
        .where(eq(emailOutbox.status, "pending")),
    ).toEqual([{ n: 0 }]);
  });

  it("keeps today's taken and snoozed alerts, and the note, through the first import of the feeds as npm run dev serves them", async () => {
    const fresh = await createTestDatabase();
    // As under npm run dev: failing feeds answer well once first, but for those the demo says are failing already.
    const feeds = await startDemoFeedServer({ slowMs: 50, healthyFirst: true, host: "127.0.0.4" });
    const fetcher = makeTestFetcher({ allowHosts: ["127.0.0.4"] });
    try {
      await seedDemoData(fresh.ctx, { feedsBaseUrl: feeds.baseUrl, outageFeedsBaseUrl: feeds.baseUrl });
      await seedDemoHistory(fresh.ctx);
      for (const feed of await fresh.db.select({ id: calendarFeeds.id }).from(calendarFeeds))
        await syncFeed(fresh.ctx, { feedId: feed.id, fetcher });
      const open = await listAlerts(fresh.as(SUPPORT_VIEWER), {});
      expect(open.data.find((alert) => alert.listing.id === "demo-listing-06")?.assignee?.name).toBe("Karim Benali");
      const snoozed = await listAlerts(fresh.as(SUPPORT_VIEWER), { status: "snoozed" });
      expect(snoozed.data.map((alert) => alert.listing.id)).toEqual(["demo-listing-11"]);
      const notes = await fresh.db.select().from(alertEvents).where(eq(alertEvents.alertId, snoozed.data[0]!.id));
      expect(notes.some((event) => event.kind === "note")).toBe(true);
    } finally {
      await fetcher.close();
      await feeds.close();
      await fresh.close();
    }
  });
});
