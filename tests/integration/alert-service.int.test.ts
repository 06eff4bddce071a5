import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeListing, makeSupportUser, SUPPORT_VIEWER } from "../helpers/factories";
import { alertFailures, auditLogs, calendarSyncAlerts, emailOutbox, notificationEvents } from "@/server/db/schema";
import { autoResolveForListing, resolveAlert } from "@/server/services/alerts/alerts.service";
import { createCalendarSyncAlert } from "@/server/services/alerting/alerting.service";
import { countAlertFailure } from "@/server/services/alerts/count-alert-failure";
import { getAlertDetail } from "@/server/services/read-models/read-models.service";
import { ConflictError, NotFoundError, ValidationError } from "@/server/errors";
import { escalationKey } from "@/server/services/events/events.service";
import { fanOutEvents } from "@/server/services/notifications/notifications.service";
import { inTransaction } from "@/server/service-context";
import { countStatements } from "../helpers/count-statements";
import type { SyncErrorType } from "@/server/shared/sync-error-types";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());

const db = () => testDb.db;
// The worker fans recorded events out before it sends: the outbox as the worker's next turn sees it.
const outboxFor = async (alertId: string) => {
  await fanOutEvents(testDb.ctx);
  return db()
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.dedupeKey, escalationKey(alertId)));
};
const auditFor = (alertId: string) =>
  db().select().from(auditLogs).where(eq(auditLogs.entityId, alertId)).orderBy(auditLogs.id);

describe("createCalendarSyncAlert", () => {
  it("opens an active alert with one attempt, its first failure and an audit row", async () => {
    const listing = await makeListing(db());
    const at = new Date("2026-11-20T08:00:00.000Z");
    const { alert, opened, escalated } = await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing.id,
      errorType: "FEED_NOT_FOUND",
      errorMessage: "HTTP 404 Not Found",
      occurredAt: at,
    });
    expect(opened).toBe(true);
    expect(escalated).toBe(false);
    expect(alert).toMatchObject({
      listingId: listing.id,
      status: "active",
      failedAttempts: 1,
      errorType: "FEED_NOT_FOUND",
      errorMessage: "HTTP 404 Not Found",
    });
    expect(alert.firstFailedAt.toISOString()).toBe(at.toISOString());
    expect(alert.lastFailedAt.toISOString()).toBe(at.toISOString());
    expect((await auditFor(alert.id)).map((row) => row.action)).toEqual(["calendar_sync_alert.opened"]);
    expect(await db().select().from(alertFailures).where(eq(alertFailures.alertId, alert.id))).toHaveLength(1);
  });

  it("counts a repeated failure on the open alert: attempts +1, last failure and error moved to the latest", async () => {
    const listing = await makeListing(db());
    const first = await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing.id,
      errorType: "TIMEOUT",
      errorMessage: "no answer after 15 s",
      occurredAt: new Date("2026-11-20T08:00:00Z"),
    });
    const second = await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing.id,
      errorType: "REMOTE_SERVER_ERROR",
      errorMessage: "HTTP 503",
      occurredAt: new Date("2026-11-20T08:15:00Z"),
    });
    expect(second.alert.id).toBe(first.alert.id);
    expect(second.opened).toBe(false);
    expect(second.alert).toMatchObject({
      failedAttempts: 2,
      status: "active",
      errorType: "REMOTE_SERVER_ERROR",
      errorMessage: "HTTP 503",
    });
    expect(second.alert.firstFailedAt.toISOString()).toBe("2026-11-20T08:00:00.000Z");
    expect(second.alert.lastFailedAt.toISOString()).toBe("2026-11-20T08:15:00.000Z");
    const open = await db().select().from(calendarSyncAlerts).where(eq(calendarSyncAlerts.listingId, listing.id));
    expect(open).toHaveLength(1);
  });

  it("escalates once when the third failure arrives, queueing exactly one e-mail", async () => {
    const listing = await makeListing(db());
    const results = [];
    for (let i = 0; i < 5; i++)
      results.push(
        await createCalendarSyncAlert(testDb.ctx, {
          listingId: listing.id,
          errorType: "ACCESS_DENIED",
          errorMessage: "HTTP 403",
          threshold: 3,
        }),
      );
    expect(results.map((r) => r.alert.status)).toEqual(["active", "active", "escalated", "escalated", "escalated"]);
    expect(results.map((r) => r.escalated)).toEqual([false, false, true, false, false]);
    expect(results[4]!.alert.failedAttempts).toBe(5);
    expect(await outboxFor(results[0]!.alert.id)).toHaveLength(1);
    const actions = (await auditFor(results[0]!.alert.id)).map((row) => row.action);
    expect(actions.filter((action) => action === "calendar_sync_alert.escalated")).toHaveLength(1);
  });

  it("honours a configured threshold", async () => {
    const listing = await makeListing(db());
    const r1 = await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing.id,
      errorType: "TIMEOUT",
      errorMessage: "t",
      threshold: 5,
    });
    for (let i = 0; i < 3; i++)
      await createCalendarSyncAlert(testDb.ctx, {
        listingId: listing.id,
        errorType: "TIMEOUT",
        errorMessage: "t",
        threshold: 5,
      });
    expect((await getAlertDetail(testDb.as(SUPPORT_VIEWER), r1.alert.id)).status).toBe("active");
    const fifth = await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing.id,
      errorType: "TIMEOUT",
      errorMessage: "t",
      threshold: 5,
    });
    expect(fifth).toMatchObject({ escalated: true, alert: { status: "escalated", failedAttempts: 5 } });

    const immediate = await makeListing(db());
    expect(
      await createCalendarSyncAlert(testDb.ctx, {
        listingId: immediate.id,
        errorType: "TIMEOUT",
        errorMessage: "t",
        threshold: 1,
      }),
    ).toMatchObject({ opened: true, escalated: true });
  });

  it("masks any URL in the message so a feed's token is never stored", async () => {
    const listing = await makeListing(db());
    const { alert } = await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing.id,
      errorType: "FEED_NOT_FOUND",
      errorMessage: "GET https://www.airbnb.fr/calendar/ical/123.ics?s=SECRETTOKEN failed",
    });
    expect(alert.errorMessage).not.toContain("SECRETTOKEN");
    expect(alert.errorMessage).toContain("https://www.airbnb.fr/calendar/…?…");
  });

  it("rejects an unknown listing and malformed input without leaving anything behind", async () => {
    await expect(
      createCalendarSyncAlert(testDb.ctx, { listingId: "no-such-listing", errorType: "TIMEOUT", errorMessage: "t" }),
    ).rejects.toThrow();
    await expect(
      createCalendarSyncAlert(testDb.ctx, {
        listingId: "x",
        errorType: "not a code" as SyncErrorType,
        errorMessage: "t",
      }),
    ).rejects.toThrowError(ValidationError);
    expect(
      await db().select().from(calendarSyncAlerts).where(eq(calendarSyncAlerts.listingId, "no-such-listing")),
    ).toHaveLength(0);
  });

  it("keeps one open alert and one e-mail under 50 concurrent failures of one listing", async () => {
    const listing = await makeListing(db());
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        createCalendarSyncAlert(testDb.ctx, {
          listingId: listing.id,
          errorType: "REMOTE_SERVER_ERROR",
          errorMessage: `HTTP 500 #${i}`,
          threshold: 3,
        }),
      ),
    );
    const rows = await db().select().from(calendarSyncAlerts).where(eq(calendarSyncAlerts.listingId, listing.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ failedAttempts: 50, status: "escalated" });
    expect(results.filter((r) => r.opened)).toHaveLength(1);
    expect(results.filter((r) => r.escalated)).toHaveLength(1);
    expect(await outboxFor(rows[0]!.id)).toHaveLength(1);
    expect(await db().select().from(alertFailures).where(eq(alertFailures.alertId, rows[0]!.id))).toHaveLength(50);
  });
});

describe("alert ingest in one statement", () => {
  it("sends the database one statement per failure that does not escalate (upsert and failure row together)", async () => {
    const listing = await makeListing(db());
    await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing.id,
      errorType: "TIMEOUT",
      errorMessage: "t",
      threshold: 10,
    });
    // The store's statement, as the sync's transaction runs it: the policy adds nothing when nothing escalates.
    const { result: second, statements } = await countStatements(db(), () =>
      countAlertFailure(testDb.ctx, {
        listingId: listing.id,
        errorType: "TIMEOUT",
        errorMessage: "t",
      }),
    );
    expect(second.alert.failedAttempts).toBe(2);
    expect(statements).toBe(1);
    const alert = (
      await db().select().from(calendarSyncAlerts).where(eq(calendarSyncAlerts.listingId, listing.id))
    )[0]!;
    expect((await auditFor(alert.id)).map((row) => row.action)).toEqual(["calendar_sync_alert.opened"]);
    expect(await db().select().from(alertFailures).where(eq(alertFailures.alertId, alert.id))).toHaveLength(2);
  });

  it("records the escalation naming the listing; its e-mail masks the feed URL", async () => {
    const listing = await makeListing(db(), { title: "Studio « Vieux-Port » & terrasse" });
    await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing.id,
      errorType: "ACCESS_DENIED",
      errorMessage: "HTTP 403",
      threshold: 2,
    });
    const result = await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing.id,
      errorType: "ACCESS_DENIED",
      errorMessage: "HTTP 403 https://www.airbnb.fr/calendar/ical/1.ics?s=SECRETTOKEN",
      threshold: 2,
    });
    expect(result).toMatchObject({ escalated: true });
    const [email] = await outboxFor(result.alert.id);
    expect(email!.subject).toBe(`[Escaladé] Synchronisation calendrier en échec : ${listing.title} (2 échecs)`);
    expect(email!.textBody).toContain(`Annonce : ${listing.title} (${listing.id})`);
    expect(email!.textBody).toContain(`/admin/alerts/calendar-sync/${result.alert.id}`);
    expect(email!.htmlBody).toContain("Studio « Vieux-Port » &amp; terrasse");
    expect(`${email!.subject}${email!.textBody}${email!.htmlBody}`).not.toContain("SECRETTOKEN");
    // A later failure does not escalate it again.
    expect(
      (
        await createCalendarSyncAlert(testDb.ctx, {
          listingId: listing.id,
          errorType: "ACCESS_DENIED",
          errorMessage: "HTTP 403",
          threshold: 2,
        })
      ).escalated,
    ).toBe(false);
  });

  it("records the escalation in the count's transaction: rolled back together, fanned out once", async () => {
    const listing = await makeListing(db());
    const failure = {
      listingId: listing.id,
      errorType: "ACCESS_DENIED" as const,
      errorMessage: "HTTP 403",
      threshold: 1,
    };
    let escalatedId = "";
    await expect(
      inTransaction(testDb.ctx, async (tx) => {
        escalatedId = (await createCalendarSyncAlert(tx, failure)).alert.id;
        throw new Error("the sync's transaction fails after the count");
      }),
    ).rejects.toThrow("the sync's transaction fails");
    expect(await outboxFor(escalatedId)).toHaveLength(0);
    const { alert, escalated } = await createCalendarSyncAlert(testDb.ctx, failure);
    expect(escalated).toBe(true);
    expect(await outboxFor(alert.id)).toHaveLength(1);
    expect(await fanOutEvents(testDb.ctx)).toBe(0);
    expect(await outboxFor(alert.id)).toHaveLength(1);
  });
});

describe("the fan-out", () => {
  it("passes an event whose facts cannot be rendered, logged, and fans out the next one", async () => {
    await db().execute(
      sql`insert into notification_events (id, dedupe_key, type, facts, data) values ('broken-event', 'broken', 'alert.escalated', '{}'::jsonb, '{}'::jsonb)`,
    );
    const listing = await makeListing(db());
    const { alert } = await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing.id,
      errorType: "TIMEOUT",
      errorMessage: "t",
      threshold: 1,
    });
    expect(await outboxFor(alert.id)).toHaveLength(1);
    const [broken] = await db().select().from(notificationEvents).where(eq(notificationEvents.id, "broken-event"));
    expect(broken!.fannedOutAt).not.toBeNull();
  });
});

describe("resolving", () => {
  it("resolves an escalated alert with who, when and a note, audited", async () => {
    const agent = await makeSupportUser(db());
    const listing = await makeListing(db());
    const { alert } = await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing.id,
      errorType: "TIMEOUT",
      errorMessage: "t",
      threshold: 1,
    });
    const resolved = await resolveAlert(testDb.as(agent), { alertId: alert.id, note: "Lien remplacé avec l'hôte" });
    expect(resolved).toMatchObject({
      status: "resolved",
      resolvedBy: { id: agent.id, name: agent.name },
      resolutionNote: "Lien remplacé avec l'hôte",
      resolvedAutomatically: false,
    });
    expect(Date.now() - Date.parse(resolved.resolvedAt!)).toBeLessThan(60_000);
    const audit = (await auditFor(alert.id)).find((row) => row.action === "calendar_sync_alert.resolved");
    expect(audit).toMatchObject({
      actorId: agent.id,
      data: { previousStatus: "escalated", note: "Lien remplacé avec l'hôte" },
    });
  });

  it("answers NotFound for an unknown id and Conflict for an alert already resolved", async () => {
    const agent = await makeSupportUser(db());
    const listing = await makeListing(db());
    const { alert } = await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing.id,
      errorType: "TIMEOUT",
      errorMessage: "t",
    });
    await expect(resolveAlert(testDb.as(agent), { alertId: "no-such-alert" })).rejects.toThrowError(NotFoundError);
    await resolveAlert(testDb.as(agent), { alertId: alert.id });
    await expect(resolveAlert(testDb.as(agent), { alertId: alert.id })).rejects.toThrowError(ConflictError);
  });

  it("lets only one of two agents resolving at once win", async () => {
    const [a, b] = [await makeSupportUser(db()), await makeSupportUser(db())];
    const listing = await makeListing(db());
    const { alert } = await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing.id,
      errorType: "TIMEOUT",
      errorMessage: "t",
    });
    const outcomes = await Promise.allSettled([
      resolveAlert(testDb.as(a), { alertId: alert.id }),
      resolveAlert(testDb.as(b), { alertId: alert.id }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
  });

  it("auto-resolves the open alert when the listing syncs again, and a new failure opens a new alert at 1", async () => {
    const listing = await makeListing(db());
    const first = await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing.id,
      errorType: "TIMEOUT",
      errorMessage: "t",
    });
    await createCalendarSyncAlert(testDb.ctx, { listingId: listing.id, errorType: "TIMEOUT", errorMessage: "t" });
    const resolved = await autoResolveForListing(testDb.ctx, { listingId: listing.id });
    expect(resolved).toMatchObject({
      id: first.alert.id,
      status: "resolved",
      resolvedAutomatically: true,
      resolvedBy: null,
    });
    expect(await autoResolveForListing(testDb.ctx, { listingId: listing.id })).toBeNull();
    expect((await auditFor(first.alert.id)).map((row) => row.action)).toContain("calendar_sync_alert.auto_resolved");

    const next = await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing.id,
      errorType: "FEED_GONE",
      errorMessage: "HTTP 410",
    });
    expect(next.opened).toBe(true);
    expect(next.alert.id).not.toBe(first.alert.id);
    expect(next.alert.failedAttempts).toBe(1);
    const history = await db().select().from(calendarSyncAlerts).where(eq(calendarSyncAlerts.listingId, listing.id));
    expect(history.map((row) => row.status).sort()).toEqual(["active", "resolved"]);
  });
});

describe("alert detail", () => {
  it("gives the alert with its timeline of failures, newest first", async () => {
    const listing = await makeListing(db());
    const { alert } = await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing.id,
      errorType: "TIMEOUT",
      errorMessage: "first",
      occurredAt: new Date("2026-11-20T08:00:00Z"),
    });
    await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing.id,
      errorType: "FEED_NOT_FOUND",
      errorMessage: "second",
      occurredAt: new Date("2026-11-20T09:00:00Z"),
    });
    const detail = await getAlertDetail(testDb.as(SUPPORT_VIEWER), alert.id);
    expect(detail.listing).toEqual({ id: listing.id, title: listing.title });
    expect(detail.failures.map((f) => [f.errorType, f.errorMessage])).toEqual([
      ["FEED_NOT_FOUND", "second"],
      ["TIMEOUT", "first"],
    ]);
    await expect(getAlertDetail(testDb.as(SUPPORT_VIEWER), "missing")).rejects.toThrowError(NotFoundError);
  });
});
