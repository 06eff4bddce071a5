import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeFeed, makeListing, makeSupportUser, SUPPORT_VIEWER } from "../helpers/factories";
import { countStatements } from "../helpers/count-statements";
import { createCalendarSyncAlert } from "@/server/services/alerting/alerting.service";
import {
  DASHBOARD_ALERT_LIMIT,
  listAlerts,
  readDashboardAlerts,
  type DashboardAlert,
} from "@/server/services/read-models/read-models.service";
import type { AlertDTO } from "@/server/services/alerts/alerts.service";
import { ForbiddenError } from "@/server/errors";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());

/** What the dashboard's row shows of an alert from the list API: the two must agree. */
function asDashboardRow(alert: AlertDTO): DashboardAlert {
  const row: DashboardAlert = {
    id: alert.id,
    title: alert.listing.title,
    status: alert.status as DashboardAlert["status"],
    errorType: alert.errorType,
    failedAttempts: alert.failedAttempts,
    lastFailedAt: alert.lastFailedAt,
  };
  if (alert.staleSince) row.staleSince = alert.staleSince;
  if (alert.upcomingBookings.count > 0) row.upcoming = alert.upcomingBookings.count;
  if (alert.upcomingBookings.firstStartsAt) row.firstUpcomingAt = alert.upcomingBookings.firstStartsAt;
  if (alert.assignee) row.assignee = alert.assignee.name;
  if (alert.incident) row.incident = alert.incident;
  return row;
}

async function raise(listingId: string, times: number, errorType: "TIMEOUT" | "EXPORT_NOT_READ" = "TIMEOUT") {
  let alert;
  for (let attempt = 0; attempt < times; attempt++)
    alert = await createCalendarSyncAlert(testDb.ctx, { listingId, errorType, errorMessage: "échec" });
  return alert!.alert;
}

describe("the dashboard's alerts, read in one statement", () => {
  it("lists what listAlerts' open view lists, in its order, with its counts", async () => {
    const db = testDb.db;
    const agent = await makeSupportUser(db);
    // Under an open incident: a failing feed of the incident's provider.
    const underIncident = await makeListing(db, { title: "Sous incident" });
    await makeFeed(db, underIncident.id, { providerKey: "127.0.0.2", consecutiveFailures: 2 });
    await db.execute(sql`insert into provider_incidents (id, provider_key, opened_at, feeds_failing, listings_failing, feeds_synced, next_probe_at)
      values ('dash-incident', '127.0.0.2', now() - interval '1 hour', 1, 1, 1, now() + interval '1 hour')`);
    await raise(underIncident.id, 2);
    // Escalated, taken, with a stay arriving in three days and a feed last synced yesterday.
    const escalated = await makeListing(db, { title: "Escaladée" });
    const feed = await makeFeed(db, escalated.id, {
      consecutiveFailures: 4,
      lastSuccessAt: new Date(Date.now() - 86_400_000),
    });
    await db.execute(sql`insert into calendar_blocks (feed_id, listing_id, uid, starts_at, ends_at, all_day, kind)
      values (${feed.id}, ${escalated.id}, 'stay-1', now() + interval '3 days', now() + interval '5 days', true, 'reservation'),
             (${feed.id}, ${escalated.id}, 'stay-2', now() + interval '6 days', now() + interval '8 days', true, 'reservation')`);
    const taken = await raise(escalated.id, 4);
    await db.execute(sql`update calendar_sync_alerts set assignee_id = ${agent.id} where id = ${taken.id}`);
    // The export side, a snoozed one (left out), a resolved one (left out).
    await raise((await makeListing(db, { title: "Export" })).id, 1, "EXPORT_NOT_READ");
    const snoozed = await raise((await makeListing(db, { title: "En pause" })).id, 1);
    await db.execute(
      sql`update calendar_sync_alerts set snoozed_until = now() + interval '1 hour' where id = ${snoozed.id}`,
    );
    const resolved = await raise((await makeListing(db, { title: "Résolue" })).id, 1);
    await db.execute(
      sql`update calendar_sync_alerts set status = 'resolved', resolved_at = now() where id = ${resolved.id}`,
    );

    const viewer = testDb.as(SUPPORT_VIEWER);
    const { result: dashboard, statements } = await countStatements(db, () => readDashboardAlerts(viewer));
    expect(statements).toBe(1);
    const page = await listAlerts(viewer, { status: "open", limit: DASHBOARD_ALERT_LIMIT });
    expect(dashboard.alerts).toEqual(page.data.map(asDashboardRow));
    expect(dashboard.alerts.map((alert) => alert.title)).toEqual(["Escaladée", "Sous incident", "Export"]);
    expect(dashboard.alerts[0]).toMatchObject({ status: "escalated", assignee: agent.name, upcoming: 2 });
    expect(dashboard.alerts[1]!.incident).toEqual({ id: "dash-incident", providerKey: "127.0.0.2" });
    expect(dashboard.counts).toEqual({
      active: page.meta.counts.active,
      escalated: page.meta.counts.escalated,
      underIncident: page.meta.counts.underIncident,
      exportSide: page.meta.counts.exportSide,
    });
    expect(dashboard.counts).toEqual({ active: 2, escalated: 1, underIncident: 1, exportSide: 1 });
  });

  it("stops at the list's limit, keeps counting past it, and refuses a host", async () => {
    for (let index = 0; index < DASHBOARD_ALERT_LIMIT + 2; index++) await raise((await makeListing(testDb.db)).id, 1);
    const viewer = testDb.as(SUPPORT_VIEWER);
    const dashboard = await readDashboardAlerts(viewer);
    const page = await listAlerts(viewer, { status: "open", limit: DASHBOARD_ALERT_LIMIT });
    expect(dashboard.alerts).toHaveLength(DASHBOARD_ALERT_LIMIT);
    expect(dashboard.alerts).toEqual(page.data.map(asDashboardRow));
    expect(dashboard.counts.active + dashboard.counts.escalated).toBe(
      page.meta.counts.active + page.meta.counts.escalated,
    );
    await expect(
      readDashboardAlerts(testDb.as({ id: "host-1", role: "host", name: "Hôte", email: "h@test.example" })),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});
