import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeListing, makeSupportUser, SUPPORT_VIEWER } from "../helpers/factories";
import { resolveAlert } from "@/server/services/alerts/alerts.service";
import { createCalendarSyncAlert } from "@/server/services/alerting/alerting.service";
import { getActiveAlerts, listAlerts } from "@/server/services/read-models/read-models.service";
import { ValidationError } from "@/server/errors";

// Its own database: the assertions count every alert in it.
let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());

describe("listing alerts", () => {
  it("lists open alerts most attempts first, then most recent failure, and pages through them with a cursor", async () => {
    const listings = await Promise.all(Array.from({ length: 5 }, () => makeListing(testDb.db)));
    const attempts = [1, 4, 2, 4, 3];
    for (const [index, listing] of listings.entries()) {
      for (let i = 0; i < attempts[index]!; i++) {
        await createCalendarSyncAlert(testDb.ctx, {
          listingId: listing.id,
          errorType: "TIMEOUT",
          errorMessage: "t",
          occurredAt: new Date(Date.UTC(2026, 10, 1, index, i)),
          threshold: 3,
        });
      }
    }
    const active = await getActiveAlerts(testDb.as(SUPPORT_VIEWER));
    expect(active.map((a) => [a.listing.id, a.failedAttempts])).toEqual([
      [listings[3]!.id, 4],
      [listings[1]!.id, 4],
      [listings[4]!.id, 3],
      [listings[2]!.id, 2],
      [listings[0]!.id, 1],
    ]);
    const page1 = await listAlerts(testDb.as(SUPPORT_VIEWER), { limit: 2 });
    const page2 = await listAlerts(testDb.as(SUPPORT_VIEWER), { limit: 2, cursor: page1.meta.nextCursor! });
    const page3 = await listAlerts(testDb.as(SUPPORT_VIEWER), { limit: 2, cursor: page2.meta.nextCursor! });
    expect([...page1.data, ...page2.data, ...page3.data].map((a) => a.id)).toEqual(active.map((a) => a.id));
    expect(page3.meta.nextCursor).toBeNull();
    expect(page1.meta.counts).toEqual({
      active: 2,
      escalated: 3,
      underIncident: 0,
      exportSide: 0,
      snoozed: 0,
      resolved: 0,
    });

    const agent = await makeSupportUser(testDb.db);
    await resolveAlert(testDb.as(agent), { alertId: active[4]!.id });
    const resolved = await listAlerts(testDb.as(SUPPORT_VIEWER), { status: "resolved" });
    expect(resolved.data.map((a) => a.id)).toEqual([active[4]!.id]);
    expect((await listAlerts(testDb.as(SUPPORT_VIEWER), { status: "escalated" })).data).toHaveLength(3);
    expect(
      (await listAlerts(testDb.as(SUPPORT_VIEWER), { status: "active" })).data.map((a) => a.failedAttempts),
    ).toEqual([2]);
    expect(
      (await listAlerts(testDb.as(SUPPORT_VIEWER), { listingId: listings[2]!.id, status: "all" })).data,
    ).toHaveLength(1);
    expect((await listAlerts(testDb.as(SUPPORT_VIEWER), { errorType: "FEED_GONE" })).data).toHaveLength(0);
    const all = await listAlerts(testDb.as(SUPPORT_VIEWER), { status: "all" });
    expect(all.data.map((a) => a.lastFailedAt)).toEqual([...all.data.map((a) => a.lastFailedAt)].sort().reverse());
    const inNovemberFirst = await listAlerts(testDb.as(SUPPORT_VIEWER), {
      status: "all",
      from: "2026-11-01T03:00:00Z",
      to: "2026-11-01T05:00:00Z",
    });
    expect(inNovemberFirst.data.map((a) => a.listing.id).sort()).toEqual([listings[3]!.id, listings[4]!.id].sort());
  });

  it("refuses a cursor from another ordering and a reversed period", async () => {
    await expect(listAlerts(testDb.as(SUPPORT_VIEWER), { cursor: "garbage" })).rejects.toThrowError(ValidationError);
    await expect(listAlerts(testDb.as(SUPPORT_VIEWER), { from: "2026-11-02", to: "2026-11-01" })).rejects.toThrowError(
      ValidationError,
    );
  });
});
