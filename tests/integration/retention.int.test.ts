import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeFeed, makeListing } from "../helpers/factories";
import {
  alertFailures,
  auditLogs,
  calendarSyncAlerts,
  calendarSyncRuns,
  emailOutbox,
  hostLinkChecks,
  loginThrottles,
  providerRetryHints,
  userSessions,
  notificationChannels,
  notificationDeliveries,
  notificationEvents,
  apiKeys,
  apiKeyMinutes,
  exportLinks,
  exportReads,
  platformReservations,
  accountInvitations,
} from "@/server/db/schema";
import { makeHostUser } from "../helpers/factories";
import { createCalendarSyncAlert } from "@/server/services/alerting/alerting.service";
import { applyRetention } from "@/server/services/retention/apply-retention";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());
const db = () => testDb.db;
const DAY = 86_400_000;

describe("retention", () => {
  it("deletes exactly the resolved alerts, sync runs, sent e-mails, Retry-After hints, link checks and sign-in throttles past their age, in batches, and nothing open", async () => {
    const now = new Date("2027-06-01T12:00:00Z");
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const alerts: Record<string, string> = {};
    for (const [name, status, resolvedDaysAgo] of [
      ["oldResolved1", "resolved", 400],
      ["oldResolved2", "resolved", 366],
      ["recentResolved", "resolved", 364],
      ["oldOpen", "active", null],
      ["oldEscalated", "escalated", null],
    ] as const) {
      const listing = await makeListing(db());
      const { alert } = await createCalendarSyncAlert(testDb.ctx, {
        listingId: listing.id,
        errorType: "FEED_NOT_FOUND",
        errorMessage: "HTTP 404",
        threshold: 3,
        occurredAt: ago(500),
      });
      await db()
        .update(calendarSyncAlerts)
        .set({
          status,
          resolvedAt: resolvedDaysAgo === null ? null : ago(resolvedDaysAgo),
          firstFailedAt: ago(500),
          lastFailedAt: ago(500),
        })
        .where(eq(calendarSyncAlerts.id, alert.id));
      alerts[name] = alert.id;
    }
    const listing = await makeListing(db());
    const feed = await makeFeed(db(), listing.id);
    const run = (daysAgo: number) => ({
      feedId: feed.id,
      listingId: listing.id,
      outcome: "success" as const,
      startedAt: ago(daysAgo),
      finishedAt: ago(daysAgo),
      durationMs: 1,
    });
    const runs = await db()
      .insert(calendarSyncRuns)
      .values([run(31), run(45), run(29), run(1)])
      .returning({ id: calendarSyncRuns.id });
    const mail = (key: string, status: "sent" | "pending", sentDaysAgo: number | null) => ({
      dedupeKey: key,
      kind: "test",
      recipient: "a@example.com",
      subject: "s",
      textBody: "t",
      htmlBody: "h",
      status,
      sentAt: sentDaysAgo === null ? null : ago(sentDaysAgo),
    });
    await db()
      .insert(emailOutbox)
      .values([mail("old-sent", "sent", 40), mail("recent-sent", "sent", 10), mail("old-pending", "pending", null)]);
    const hint = (owner: string, endedDaysAgo: number) => ({
      providerKey: "Airbnb",
      ownerId: owner,
      until: ago(endedDaysAgo),
      hintedAt: ago(endedDaysAgo + 0.01),
    });
    await db()
      .insert(providerRetryHints)
      .values([hint("ended-2-days-ago", 2), hint("ended-an-hour-ago", 1 / 24), hint("in-force", -0.01)]);
    const host = await makeHostUser(db());
    await db()
      .insert(hostLinkChecks)
      .values([
        { id: "check-old", hostId: host.id, startedAt: ago(2), expiresAt: ago(2), finishedAt: ago(2) },
        { id: "check-recent", hostId: host.id, startedAt: ago(0.5), expiresAt: ago(0.5), finishedAt: ago(0.5) },
      ]);
    await db()
      .insert(loginThrottles)
      .values([
        { key: "email:idle@example.com", failures: 3, windowStartedAt: ago(2), lockedUntil: null },
        { key: "email:locked@example.com", failures: 10, windowStartedAt: ago(2), lockedUntil: ago(-1) },
        { key: "address:192.0.2.1", failures: 1, windowStartedAt: ago(0.01), lockedUntil: null },
      ]);
    await db()
      .insert(userSessions)
      .values([
        { id: "session-expired", userId: host.id, expiresAt: ago(2) },
        { id: "session-open", userId: host.id, expiresAt: ago(-0.5) },
      ]);
    const [channel] = await db()
      .insert(notificationChannels)
      .values({ type: "webhook", name: "r", events: ["digest"] })
      .returning();
    await db()
      .insert(notificationEvents)
      .values([
        {
          id: "event-old-delivered",
          dedupeKey: "old-delivered",
          type: "digest",
          data: {},
          occurredAt: ago(40),
          fannedOutAt: ago(40),
        },
        {
          id: "event-old-pending",
          dedupeKey: "old-pending",
          type: "digest",
          data: {},
          occurredAt: ago(40),
          fannedOutAt: ago(40),
        },
        // Recorded and never fanned out (no worker ran since): kept until it is.
        { id: "event-old-unfanned", dedupeKey: "old-unfanned", type: "digest", data: {}, occurredAt: ago(40) },
        {
          id: "event-recent",
          dedupeKey: "recent",
          type: "digest",
          data: {},
          occurredAt: ago(10),
          fannedOutAt: ago(10),
        },
      ]);
    await db()
      .insert(notificationDeliveries)
      .values([
        { id: "d1", eventId: "event-old-delivered", eventSeq: 1, channelId: channel!.id, status: "delivered" },
        { id: "d2", eventId: "event-old-pending", eventSeq: 2, channelId: channel!.id, status: "pending" },
      ]);
    const [key] = await db()
      .insert(apiKeys)
      .values({ name: "k", prefix: "csa_abcd…", keyHash: "h", scopes: ["alerts:read"] })
      .returning();
    await db()
      .insert(apiKeyMinutes)
      .values([
        { keyId: key!.id, minute: ago(2 / 24), requests: 5 },
        { keyId: key!.id, minute: ago(1 / 24 / 60), requests: 3 },
      ]);
    // Check-out on 2027-02-28 is 93 days before: gone with its guest's name; 2027-03-05 (88 days) stays.
    await db()
      .insert(platformReservations)
      .values([
        {
          id: "resa-old",
          listingId: listing.id,
          externalId: "R-old",
          checkIn: "2027-02-20",
          checkOut: "2027-02-28",
          status: "confirmed",
          guestName: "Camille Martin",
        },
        {
          id: "resa-recent",
          listingId: listing.id,
          externalId: "R-recent",
          checkIn: "2027-03-01",
          checkOut: "2027-03-05",
          status: "confirmed",
          guestName: "Léa Petit",
        },
      ]);
    const invited = await makeHostUser(db());
    await db()
      .insert(accountInvitations)
      .values([
        { id: "invitation-old", userId: invited.id, tokenHash: "old", expiresAt: ago(8) },
        { id: "invitation-live", userId: invited.id, tokenHash: "live", expiresAt: ago(-1) },
      ]);
    // Reads of an export link: 31 days old goes, 29 days stays.
    await db().insert(exportLinks).values({
      id: "export-link",
      listingId: listing.id,
      destination: "airbnb",
      tokenHash: "h",
      tokenCiphertext: "c",
    });
    await db()
      .insert(exportReads)
      .values([
        { linkId: "export-link", listingId: listing.id, at: ago(31), status: 200, reader: "airbnb" },
        { linkId: "export-link", listingId: listing.id, at: ago(29), status: 304, reader: "airbnb" },
      ]);
    const auditBefore = (await db().select().from(auditLogs)).length;

    const deleted = await applyRetention(testDb.ctx, {
      settings: { alertDays: 365, syncRunDays: 30, outboxDays: 30, batchSize: 1 },
      now: now,
    });

    expect(deleted).toEqual({
      alerts: 2,
      syncRuns: 2,
      outbox: 1,
      retryHints: 1,
      linkChecks: 1,
      loginThrottles: 1,
      sessions: 1,
      notificationEvents: 1,
      apiKeyMinutes: 1,
      platformReservations: 1,
      invitations: 1,
      exportReads: 1,
      passwordResets: 0,
    });
    expect((await db().select({ status: exportReads.status }).from(exportReads)).map((row) => row.status)).toEqual([
      304,
    ]);
    expect(
      await db()
        .select({ id: platformReservations.id, guestName: platformReservations.guestName })
        .from(platformReservations),
    ).toEqual([{ id: "resa-recent", guestName: "Léa Petit" }]);
    expect((await db().select({ id: accountInvitations.id }).from(accountInvitations)).map((row) => row.id)).toEqual([
      "invitation-live",
    ]);
    expect(
      (await db().select({ id: notificationEvents.id }).from(notificationEvents)).map((row) => row.id).sort(),
    ).toEqual(["event-old-pending", "event-old-unfanned", "event-recent"]);
    expect(
      (await db().select({ id: notificationDeliveries.id }).from(notificationDeliveries)).map((row) => row.id),
    ).toEqual(["d2"]);
    expect((await db().select({ id: userSessions.id }).from(userSessions)).map((row) => row.id)).toEqual([
      "session-open",
    ]);
    expect((await db().select({ id: hostLinkChecks.id }).from(hostLinkChecks)).map((row) => row.id)).toEqual([
      "check-recent",
    ]);
    expect((await db().select({ key: loginThrottles.key }).from(loginThrottles)).map((row) => row.key).sort()).toEqual([
      "address:192.0.2.1",
      "email:locked@example.com",
    ]);
    expect(
      (await db().select({ owner: providerRetryHints.ownerId }).from(providerRetryHints))
        .map((row) => row.owner)
        .sort(),
    ).toEqual(["ended-an-hour-ago", "in-force"]);
    const remaining = (
      await db()
        .select({ id: calendarSyncAlerts.id })
        .from(calendarSyncAlerts)
        .where(inArray(calendarSyncAlerts.id, Object.values(alerts)))
    ).map((row) => row.id);
    expect(remaining.sort()).toEqual([alerts.recentResolved, alerts.oldOpen, alerts.oldEscalated].sort());
    expect(
      await db()
        .select()
        .from(alertFailures)
        .where(inArray(alertFailures.alertId, [alerts.oldResolved1!, alerts.oldResolved2!])),
    ).toEqual([]);
    expect(
      (
        await db()
          .select({ id: calendarSyncRuns.id })
          .from(calendarSyncRuns)
          .where(
            inArray(
              calendarSyncRuns.id,
              runs.map((r) => r.id),
            ),
          )
      )
        .map((r) => r.id)
        .sort(),
    ).toEqual([runs[2]!.id, runs[3]!.id].sort());
    expect(
      (
        await db()
          .select({ key: emailOutbox.dedupeKey })
          .from(emailOutbox)
          .where(inArray(emailOutbox.dedupeKey, ["old-sent", "recent-sent", "old-pending"]))
      )
        .map((r) => r.key)
        .sort(),
    ).toEqual(["old-pending", "recent-sent"]);
    expect((await db().select().from(auditLogs)).length).toBe(auditBefore);
  });
});
