import { systemContext } from "@/server/service-context";
import { fanOutEvents } from "@/server/services/notifications/notifications.service";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like, ne } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeFeed, makeListing, SUPPORT_VIEWER } from "../helpers/factories";
import { startDemoFeedServer, type DemoFeedServer, type DemoScenario } from "@/demo/demo-feed-server";
import { makeTestFetcher } from "../helpers/fetcher";
import { countStatements } from "../helpers/count-statements";
import { claimDueFeeds, syncFeed } from "@/server/services/calendar/calendar.service";
import { syncClaimedFeed } from "@/server/services/calendar/sync/sync-feed";
import { createCalendarSyncAlert } from "@/server/services/alerting/alerting.service";
import { listFeedWarnings } from "@/server/services/read-models/read-models.service";
import { NotFoundError } from "@/server/errors";
import { claimFeed, leaseDurationMs, LeaseLostError, renewLease } from "@/server/services/calendar/sync/feed-lease";
import { parseIcal } from "@/server/services/calendar/ical/parse-ical";
import { getConfig } from "@/server/config";
import {
  calendarBlocks,
  calendarFeeds,
  calendarSyncAlerts,
  calendarSyncRuns,
  emailOutbox,
  providerIncidents,
  providerRetryHints,
} from "@/server/db/schema";

let testDb: TestDatabase;
let feeds: DemoFeedServer;
const fetcher = makeTestFetcher();

beforeAll(async () => {
  testDb = await createTestDatabase();
  // Stays laid out from a fixed day; every response stamped an hour after the previous one, as real exports
  // stamp each download with its own DTSTAMP.
  let responses = 0;
  feeds = await startDemoFeedServer({
    slowMs: 5_000,
    calendarDay: () => new Date("2027-01-04T00:00:00Z"),
    generatedAt: () => new Date(Date.UTC(2027, 0, 4) + ++responses * 3_600_000),
  });
});
afterAll(async () => {
  await fetcher.close();
  await feeds.close();
  await testDb.close();
});

const db = () => testDb.db;

async function listingWithFeed(scenario: DemoScenario) {
  const listing = await makeListing(db());
  const feed = await makeFeed(db(), listing.id, {
    url: `${feeds.baseUrl}/${scenario}/${listing.id}.ics?t=TOKEN-${listing.id}`,
  });
  return { listing, feed };
}
const blocksOf = (feedId: string) => db().select().from(calendarBlocks).where(eq(calendarBlocks.feedId, feedId));
const openAlertOf = (listingId: string) =>
  db()
    .select()
    .from(calendarSyncAlerts)
    .where(and(eq(calendarSyncAlerts.listingId, listingId), ne(calendarSyncAlerts.status, "resolved")))
    .then((rows) => rows[0]);
const feedRow = (feedId: string) =>
  db()
    .select()
    .from(calendarFeeds)
    .where(eq(calendarFeeds.id, feedId))
    .then((rows) => rows[0]!);

describe("syncFeed", () => {
  it("imports a feed's busy periods and records the run", async () => {
    const { feed } = await listingWithFeed("airbnb");
    const result = await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    expect(result.outcome).toBe("success");
    const blocks = await blocksOf(feed.id);
    expect(blocks.length).toBe(10);
    expect(blocks.every((block) => block.allDay)).toBe(true);
    const after = await feedRow(feed.id);
    expect(after).toMatchObject({ consecutiveFailures: 0, eventCount: 10, lastOutcome: "success" });
    expect(after.lastSuccessAt).not.toBeNull();
    expect(after.etag).toMatch(/^"/);
    expect(result.run).toMatchObject({ outcome: "success", httpStatus: 200, eventCount: 10 });
  });

  it("stores exactly the parsed blocks, on the one-statement path and on the locked one", async () => {
    const expected = (body: string) =>
      parseIcal(body, { now: new Date(), horizonMonths: getConfig().sync.horizonMonths })
        .blocks.map((block) => ({
          uid: block.uid,
          startsAt: block.startsAt.toISOString(),
          endsAt: block.endsAt.toISOString(),
          allDay: block.allDay,
          summary: block.summary,
        }))
        .sort((a, b) => a.uid.localeCompare(b.uid));
    const stored = async (feedId: string) =>
      (await blocksOf(feedId))
        .map((block) => ({
          uid: block.uid,
          startsAt: block.startsAt.toISOString(),
          endsAt: block.endsAt.toISOString(),
          allDay: block.allDay,
          summary: block.summary,
        }))
        .sort((a, b) => a.uid.localeCompare(b.uid));
    for (const scenario of ["vrbo", "google"] as const) {
      const healthy = await listingWithFeed(scenario);
      const alerted = await listingWithFeed(scenario);
      // An open alert on the listing sends its sync down the locked transaction.
      await createCalendarSyncAlert(testDb.ctx, {
        listingId: alerted.listing.id,
        errorType: "TIMEOUT",
        errorMessage: "t",
        threshold: 10,
      });
      for (const { listing, feed } of [healthy, alerted]) {
        await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
        const body = await (await fetch(`${feeds.baseUrl}/${scenario}/${listing.id}.ics?t=x`)).text();
        const want = expected(body);
        expect(want.length).toBeGreaterThan(0);
        expect(await stored(feed.id)).toEqual(want);
      }
    }
  });

  it("uses a conditional GET: a 304 is a success that changes nothing", async () => {
    const { feed } = await listingWithFeed("booking");
    await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    const before = (await blocksOf(feed.id)).map((block) => block.id);
    const again = await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    expect(again).toMatchObject({ outcome: "unchanged", run: { httpStatus: 304 } });
    expect((await blocksOf(feed.id)).map((block) => block.id)).toEqual(before);
    // Nothing new: the feed counts it, no run row is written.
    expect(await db().select().from(calendarSyncRuns).where(eq(calendarSyncRuns.feedId, feed.id))).toHaveLength(1);
    expect(await feedRow(feed.id)).toMatchObject({ unchangedSyncs: 1, lastOutcome: "unchanged" });
  });

  it("downloads in full once a day whatever the validators, and skips re-importing an unchanged body", async () => {
    const { feed } = await listingWithFeed("vrbo");
    await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    const before = (await blocksOf(feed.id)).map((block) => block.id);
    const tomorrow = () => new Date(Date.now() + 25 * 3_600_000);
    const again = await syncFeed(testDb.ctx, { feedId: feed.id, fetcher, now: tomorrow });
    expect(again).toMatchObject({ outcome: "unchanged", run: { httpStatus: 200 } });
    expect((await blocksOf(feed.id)).map((block) => block.id)).toEqual(before);
  });

  it("keeps the imported blocks when a sync fails, and opens an alert without the URL's token", async () => {
    const { listing, feed } = await listingWithFeed("airbnb");
    await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    const imported = await blocksOf(feed.id);
    feeds.override(listing.id, "not-found");
    const failed = await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    expect(failed).toMatchObject({ outcome: "failure", errorType: "FEED_NOT_FOUND", run: { httpStatus: 404 } });
    expect(await blocksOf(feed.id)).toEqual(imported);
    const alert = await openAlertOf(listing.id);
    expect(alert).toMatchObject({ errorType: "FEED_NOT_FOUND", failedAttempts: 1, status: "active" });
    expect(alert!.errorMessage).not.toContain("TOKEN");
    const row = await feedRow(feed.id);
    expect(row).toMatchObject({ consecutiveFailures: 1, lastErrorType: "FEED_NOT_FOUND" });
    expect(row.nextSyncAt.getTime()).toBeLessThan(Date.now() + 2 * 60_000);
  });

  it("escalates on consecutive failures of one feed, not on a listing's failures summed over its feeds", async () => {
    const listing = await makeListing(db());
    const feedsOfListing = await Promise.all(
      ["Airbnb", "Booking.com", "Vrbo", "Google"].map((provider, i) =>
        makeFeed(db(), listing.id, { provider, url: `${feeds.baseUrl}/server-error/${listing.id}.ics?t=TOKEN-${i}` }),
      ),
    );
    // One round: four feeds fail once each. Four failed attempts, but no feed has failed three times in a row.
    for (const feed of feedsOfListing) await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    expect(await openAlertOf(listing.id)).toMatchObject({
      failedAttempts: 4,
      status: "active",
      escalationReason: null,
    });
    const airbnb = feedsOfListing[0]!;
    await syncFeed(testDb.ctx, { feedId: airbnb.id, fetcher });
    expect((await openAlertOf(listing.id))!.status).toBe("active");
    await syncFeed(testDb.ctx, { feedId: airbnb.id, fetcher });
    const escalated = await openAlertOf(listing.id);
    expect(escalated).toMatchObject({
      failedAttempts: 6,
      status: "escalated",
      escalationReason: "3 échecs consécutifs sur le flux Airbnb",
    });
    await fanOutEvents(systemContext(db()));
    expect(
      await db()
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.dedupeKey, `calendar-sync-alert-escalated:${escalated!.id}`)),
    ).toHaveLength(1);
  });

  it("escalates through real syncs, then auto-resolves when the feed works again; a new failure opens a new alert", async () => {
    const { listing, feed } = await listingWithFeed("server-error");
    for (let i = 0; i < 3; i++) await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    const escalated = await openAlertOf(listing.id);
    expect(escalated).toMatchObject({ status: "escalated", failedAttempts: 3, errorType: "REMOTE_SERVER_ERROR" });
    await fanOutEvents(systemContext(db()));
    expect(
      await db()
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.dedupeKey, `calendar-sync-alert-escalated:${escalated!.id}`)),
    ).toHaveLength(1);

    feeds.override(listing.id, "airbnb");
    expect((await syncFeed(testDb.ctx, { feedId: feed.id, fetcher })).outcome).toBe("success");
    expect(await openAlertOf(listing.id)).toBeUndefined();
    const [resolved] = await db().select().from(calendarSyncAlerts).where(eq(calendarSyncAlerts.id, escalated!.id));
    expect(resolved).toMatchObject({ status: "resolved", resolvedAutomatically: true });

    feeds.override(listing.id, "forbidden");
    await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    const next = await openAlertOf(listing.id);
    expect(next).toMatchObject({ failedAttempts: 1, errorType: "ACCESS_DENIED" });
    expect(next!.id).not.toBe(escalated!.id);
  });

  it("keeps the listing's alert open while another of its feeds still fails", async () => {
    const { listing, feed: broken } = await listingWithFeed("not-found");
    const healthy = await makeFeed(db(), listing.id, { url: `${feeds.baseUrl}/booking/${listing.id}-b.ics?t=x` });
    await syncFeed(testDb.ctx, { feedId: broken.id, fetcher });
    await syncFeed(testDb.ctx, { feedId: healthy.id, fetcher });
    expect(await openAlertOf(listing.id)).toMatchObject({ status: "active" });
  });

  it("does not trust a feed that suddenly parses to nothing until a later sync confirms it", async () => {
    const { listing, feed } = await listingWithFeed("airbnb");
    await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    feeds.override(listing.id, "empty");
    const warning = await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    expect(warning).toMatchObject({ outcome: "warning", errorType: "FEED_SUDDENLY_EMPTY" });
    expect(await blocksOf(feed.id)).toHaveLength(10);
    expect(await feedRow(feed.id)).toMatchObject({ lastErrorType: "FEED_SUDDENLY_EMPTY", consecutiveFailures: 0 });
    expect(
      (await listFeedWarnings(testDb.as(SUPPORT_VIEWER))).find((warning) => warning.feedId === feed.id),
    ).toMatchObject({ listing: { id: listing.id }, eventCountBefore: 10 });
    expect((await syncFeed(testDb.ctx, { feedId: feed.id, fetcher })).outcome).toBe("warning");
    const later = () => new Date(Date.now() + 4 * 3_600_000);
    expect((await syncFeed(testDb.ctx, { feedId: feed.id, fetcher, now: later })).outcome).toBe("success");
    expect(await blocksOf(feed.id)).toHaveLength(0);
    expect(await feedRow(feed.id)).toMatchObject({ eventCount: 0, emptySince: null, lastErrorType: null });
    expect((await listFeedWarnings(testDb.as(SUPPORT_VIEWER))).some((warning) => warning.feedId === feed.id)).toBe(
      false,
    );
    // Confirmed empty: only the host can say whether that is right; they get the notice, once.
    await fanOutEvents(systemContext(db()));
    const notices = await db()
      .select()
      .from(emailOutbox)
      .where(like(emailOutbox.dedupeKey, `host-notice-empty:${feed.id}:%`));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.textBody).toContain("maintenant vide");
    await syncFeed(testDb.ctx, { feedId: feed.id, fetcher, now: later });
    await fanOutEvents(systemContext(db()));
    expect(
      await db()
        .select()
        .from(emailOutbox)
        .where(like(emailOutbox.dedupeKey, `host-notice-empty:${feed.id}:%`)),
    ).toHaveLength(1);
  });

  it("records nothing for a feed the host removed while it was being fetched", async () => {
    const { feed } = await listingWithFeed("slow");
    const syncing = syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await db().delete(calendarFeeds).where(eq(calendarFeeds.id, feed.id));
    await expect(syncing).rejects.toThrowError(NotFoundError);
    expect(await db().select().from(calendarSyncRuns).where(eq(calendarSyncRuns.feedId, feed.id))).toHaveLength(0);
  });

  it("fences the outcome by the lease: a worker whose feed was taken over while it fetched records nothing and leaves the new lease alone", async () => {
    const { listing, feed } = await listingWithFeed("slow");
    const path = `/slow/${listing.id}.ics`;
    expect(await claimFeed(testDb.ctx, { feedId: feed.id, owner: "worker-a", leaseMs: 60_000 })).toBe(true);
    const syncing = syncFeed(testDb.ctx, { feedId: feed.id, fetcher, leaseOwner: "worker-a" });
    // Once worker A's request reached the server, its lease "expires" and worker B takes the feed over.
    while ((feeds.hits.get(path) ?? 0) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const takenOverUntil = new Date(Date.now() + 10 * 60_000);
    await db()
      .update(calendarFeeds)
      .set({ leaseOwner: "worker-b", leaseUntil: takenOverUntil })
      .where(eq(calendarFeeds.id, feed.id));
    await expect(syncing).rejects.toThrowError(LeaseLostError);
    const row = await feedRow(feed.id);
    expect(row).toMatchObject({ leaseOwner: "worker-b", consecutiveFailures: 0, lastOutcome: null });
    expect(row.leaseUntil?.getTime()).toBe(takenOverUntil.getTime());
    expect(await db().select().from(calendarSyncRuns).where(eq(calendarSyncRuns.feedId, feed.id))).toHaveLength(0);
    expect(await openAlertOf(listing.id)).toBeUndefined();
    // Worker A does not even start a sync it no longer holds.
    await expect(syncFeed(testDb.ctx, { feedId: feed.id, fetcher, leaseOwner: "worker-a" })).rejects.toThrowError(
      LeaseLostError,
    );
  });

  it("leases a feed for longer than the longest fetch, renewed when the fetch starts", async () => {
    expect(leaseDurationMs(15_000)).toBeGreaterThan(15_000);
    const { feed } = await listingWithFeed("airbnb");
    expect(await claimFeed(testDb.ctx, { feedId: feed.id, owner: "worker-a", leaseMs: 1 })).toBe(true);
    const before = Date.now();
    const renewed = await renewLease(testDb.ctx, {
      feedId: feed.id,
      owner: "worker-a",
      leaseMs: leaseDurationMs(2_000),
    });
    expect(renewed!.feed.leaseUntil!.getTime()).toBeGreaterThanOrEqual(before + 2_000);
    expect(renewed!.providerUnderIncident).toBe(false);
    expect(await renewLease(testDb.ctx, { feedId: feed.id, owner: "worker-b", leaseMs: 1_000 })).toBeNull();
  });

  it("counts consecutive failures from the row as it is when the sync ends", async () => {
    const { feed } = await listingWithFeed("slow");
    const syncing = syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    // While the fetch waits out its timeout, something else (another sync, an operator) changes the row.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await db().update(calendarFeeds).set({ consecutiveFailures: 4 }).where(eq(calendarFeeds.id, feed.id));
    await syncing;
    expect((await feedRow(feed.id)).consecutiveFailures).toBe(5);
  });

  it.each([
    ["html", "INVALID_ICAL"],
    ["json", "INVALID_ICAL"],
    ["huge", "FEED_TOO_LARGE"],
    ["redirect-loop", "TOO_MANY_REDIRECTS"],
    ["rate-limited", "RATE_LIMITED"],
    ["slow", "TIMEOUT"],
  ] as const)("records %s as %s without dying", async (scenario, errorType) => {
    const { feed } = await listingWithFeed(scenario);
    const result = await syncFeed(testDb.ctx, { feedId: feed.id, fetcher });
    expect(result).toMatchObject({ outcome: "failure", errorType });
    const runs = await db().select().from(calendarSyncRuns).where(eq(calendarSyncRuns.feedId, feed.id));
    expect(runs).toHaveLength(1);
    if (scenario === "rate-limited")
      expect((await feedRow(feed.id)).nextSyncAt.getTime()).toBeGreaterThanOrEqual(Date.now() + 110_000);
  });
});

describe("the worker's hot path", () => {
  /**
   * This feed due a second ago (its default, the insert's now(), has microseconds the claim's millisecond clock may
   * not have reached), the other tests' feeds not due, and nothing left on the local provider by their failures:
   * no back-off (their 429s), no open incident (their failures together open one).
   */
  async function onlyThisFeedDue(feedId: string) {
    await db()
      .update(calendarFeeds)
      .set({ nextSyncAt: new Date(Date.now() + 86_400_000) })
      .where(ne(calendarFeeds.id, feedId));
    await db()
      .update(calendarFeeds)
      .set({ nextSyncAt: new Date(Date.now() - 1_000) })
      .where(eq(calendarFeeds.id, feedId));
    await db().delete(providerRetryHints);
    await db()
      .update(providerIncidents)
      .set({ status: "resolved", resolvedAt: new Date() })
      .where(eq(providerIncidents.status, "open"));
  }

  it("claims and reads in one statement, then records a first import and a 304 in one statement each", async () => {
    const { feed } = await listingWithFeed("airbnb");
    await onlyThisFeedDue(feed.id);
    const ctx = { db: db(), fetcher, leaseOwner: "hot-worker" };

    const claim = await countStatements(db(), () =>
      claimDueFeeds(testDb.ctx, { owner: "hot-worker", limit: 10, leaseMs: 600_000 }),
    );
    expect(claim.statements).toBe(1);
    expect(claim.result).toHaveLength(1);
    expect(claim.result[0]).toMatchObject({
      id: feed.id,
      listingId: feed.listingId,
      consecutiveFailures: 0,
      bodyHash: null,
    });

    const imported = await countStatements(db(), () => syncClaimedFeed(testDb.ctx, { feed: claim.result[0]!, ...ctx }));
    expect(imported.result.outcome).toBe("success");
    expect(imported.statements).toBe(1);
    expect(imported.result.run.id).toBeGreaterThan(0);
    expect(await blocksOf(feed.id)).toHaveLength(imported.result.run.eventCount!);
    expect(await feedRow(feed.id)).toMatchObject({ leaseOwner: null, lastOutcome: "success", consecutiveFailures: 0 });

    await db()
      .update(calendarFeeds)
      .set({ nextSyncAt: new Date(Date.now() - 1_000) })
      .where(eq(calendarFeeds.id, feed.id));
    const [again] = await claimDueFeeds(testDb.ctx, { owner: "hot-worker", limit: 10, leaseMs: 600_000 });
    const unchanged = await countStatements(db(), () => syncClaimedFeed(testDb.ctx, { feed: again!, ...ctx }));
    expect(unchanged.result).toMatchObject({ outcome: "unchanged", run: { httpStatus: 304 } });
    expect(unchanged.statements).toBe(1);
    expect(await feedRow(feed.id)).toMatchObject({ leaseOwner: null, lastOutcome: "unchanged", unchangedSyncs: 1 });
  });

  it("records the long way, settling the alert, when the listing has an open alert", async () => {
    const { listing, feed } = await listingWithFeed("booking");
    await onlyThisFeedDue(feed.id);
    await createCalendarSyncAlert(testDb.ctx, { listingId: listing.id, errorType: "TIMEOUT", errorMessage: "t" });
    const [claimed] = await claimDueFeeds(testDb.ctx, { owner: "hot-worker", limit: 10, leaseMs: 600_000 });
    const result = await syncClaimedFeed(testDb.ctx, { feed: claimed!, fetcher, leaseOwner: "hot-worker" });
    expect(result.outcome).toBe("success");
    expect(await openAlertOf(listing.id)).toBeUndefined();
  });
});
