import { systemContext } from "@/server/service-context";
import { fanOutEvents } from "@/server/services/notifications/notifications.service";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeFeed, makeHostUser, makeListing, makeSupportUser } from "../helpers/factories";
import { makeTestFetcher } from "../helpers/fetcher";
import { apiRequest, readJson, routeContext, sessionCookieFor } from "../helpers/requests";
import { startDemoFeedServer, type DemoFeedServer, type DemoScenario } from "@/demo/demo-feed-server";
import { auditLogs, calendarSyncAlerts, emailOutbox, users } from "@/server/db/schema";
import { syncFeed } from "@/server/services/calendar/calendar.service";
import { openIncident } from "@/server/services/incidents/incidents.service";
import { providerKeyOf } from "@/server/services/calendar/provider-key";
import { POST as resendRoute } from "@/app/api/admin/alerts/[id]/host-notice/route";

let testDb: TestDatabase;
let feeds: DemoFeedServer;
let incidentFeeds: DemoFeedServer;
const fetcher = makeTestFetcher({ allowHosts: ["127.0.0.1", "127.0.0.40"] });

beforeAll(async () => {
  testDb = await createTestDatabase();
  feeds = await startDemoFeedServer();
  incidentFeeds = await startDemoFeedServer({ host: "127.0.0.40" });
});
afterAll(async () => {
  await fetcher.close();
  await feeds.close();
  await incidentFeeds.close();
  await testDb.close();
});
const db = () => testDb.db;

async function hostListingWithFeed(scenario: DemoScenario, server = feeds) {
  const host = await makeHostUser(db());
  const listing = await makeListing(db(), { ownerId: host.id, title: `Logement ${scenario}` });
  const feed = await makeFeed(db(), listing.id, {
    provider: "Mon calendrier",
    url: `${server.baseUrl}/${scenario}/${listing.id}.ics?t=SECRET-TOKEN`,
  });
  return { host, listing, feed };
}
// The outbox as the worker's next turn leaves it: the recorded events fanned out first.
const noticesTo = async (email: string) => {
  await fanOutEvents(systemContext(db()));
  return db()
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.recipient, email), eq(emailOutbox.kind, "calendar_sync_alert.host_notice")));
};
const alertOf = async (listingId: string) =>
  (await db().select().from(calendarSyncAlerts).where(eq(calendarSyncAlerts.listingId, listingId)))[0]!;

describe("notice to the host (HOST_NOTICE_AFTER_FAILURES = 2)", () => {
  it("is sent once, at the second failure in a row of an error only the host can fix", async () => {
    const { host, listing, feed } = await hostListingWithFeed("not-found");
    await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    expect(await noticesTo(host.email)).toEqual([]);
    await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    const notices = await noticesTo(host.email);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toContain(`« ${listing.title} »`);
    expect(notices[0]!.textBody).toContain("n'existe plus");
    expect(notices[0]!.textBody).not.toContain("SECRET-TOKEN");
    const alert = await alertOf(listing.id);
    expect(alert.hostNotifiedAt).not.toBeNull();
    expect(
      await db()
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.entityId, alert.id), eq(auditLogs.action, "calendar_sync_alert.host_notified"))),
    ).toHaveLength(1);
  });

  it("speaks the host's language: a host reading English gets the notice in English, steps and all", async () => {
    const { host, listing, feed } = await hostListingWithFeed("redirect-loop");
    await db().update(users).set({ locale: "en" }).where(eq(users.id, host.id));
    for (let i = 0; i < 2; i++) await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    const [notice] = await noticesTo(host.email);
    // Never read: « does not sync » (« no longer syncs » for a link that worked before).
    expect(notice!.subject).toBe(
      `Action needed: the ${providerKeyOf(feeds.baseUrl)} calendar of “${listing.title}” does not sync`,
    );
    expect(notice!.textBody).toContain("keeps sending us from one address to another");
    expect(notice!.textBody).toContain("— The support team");
    expect(notice!.htmlBody).toContain('<html lang="en">');
  });

  it.each(["server-error", "rate-limited", "slow"] as const)(
    "is never sent for a transient error (%s)",
    async (scenario) => {
      const { host, feed } = await hostListingWithFeed(scenario);
      for (let i = 0; i < 3; i++) await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
      expect(await noticesTo(host.email)).toEqual([]);
    },
  );

  it("is not sent while a provider incident covers the feed", async () => {
    const { host, feed } = await hostListingWithFeed("not-found", incidentFeeds);
    await openIncident(testDb.ctx, {
      providerKey: providerKeyOf(incidentFeeds.baseUrl),
      stats: { feedsFailing: 10, listingsFailing: 10, feedsSynced: 10, errorCounts: {} },
      now: new Date(),
      probeIntervalSeconds: 60,
    });
    for (let i = 0; i < 3; i++) await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    expect(await noticesTo(host.email)).toEqual([]);
  });
});

describe("POST /api/admin/alerts/[id]/host-notice", () => {
  it("sends the notice again at most once an hour, audited; 404, 401, 403 and cross-site refused", async () => {
    const { host, listing, feed } = await hostListingWithFeed("forbidden");
    for (let i = 0; i < 2; i++) await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    const alert = await alertOf(listing.id);
    const support = await makeSupportUser(db());
    const cookie = await sessionCookieFor(support);
    const resend = async (id: string, options: { cookie?: string; origin?: string } = {}) =>
      readJson(
        await resendRoute(
          apiRequest(`/api/admin/alerts/${id}/host-notice`, {
            method: "POST",
            cookie: options.cookie ?? cookie,
            origin: options.origin,
          }),
          routeContext({ id }),
        ),
      );
    expect((await resend(alert.id)).status).toBe(409);
    await db()
      .update(calendarSyncAlerts)
      .set({ hostNotifiedAt: new Date(Date.now() - 61 * 60_000) })
      .where(eq(calendarSyncAlerts.id, alert.id));
    const sent = await resend(alert.id);
    expect(sent.status).toBe(200);
    expect(await noticesTo(host.email)).toHaveLength(2);
    expect((await resend(alert.id)).status).toBe(409);
    expect(
      await db()
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.entityId, alert.id), like(auditLogs.action, "%host_notice_resent"))),
    ).toHaveLength(1);
    expect((await resend("missing")).status).toBe(404);
    expect((await resend(alert.id, { cookie: "" })).status).toBe(401);
    expect((await resend(alert.id, { cookie: await sessionCookieFor(host) })).status).toBe(403);
    expect((await resend(alert.id, { origin: "https://evil.example" })).status).toBe(403);
  });
});
