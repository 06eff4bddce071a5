import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeFeed, makeHostUser, makeListing, makeSupportUser, makeUser } from "../helpers/factories";
import { apiRequest, readJson, routeContext, sessionCookieFor } from "../helpers/requests";
import { alertEvents, auditLogs, calendarFeeds, calendarSyncAlerts, emailOutbox } from "@/server/db/schema";
import { openIncident } from "@/server/services/incidents/incidents.service";
import {
  createCalendarSyncAlert,
  tellSecondLevel,
  wakeSnoozedAlerts,
} from "@/server/services/alerting/alerting.service";
import { escalationKey } from "@/server/services/events/events.service";
import { fanOutEvents } from "@/server/services/notifications/notifications.service";
import { systemContext } from "@/server/service-context";
import { PATCH as assigneeRoute } from "@/app/api/admin/alerts/[id]/assignee/route";
import { POST as notesRoute } from "@/app/api/admin/alerts/[id]/notes/route";
import { PUT as snoozeRoute, DELETE as unsnoozeRoute } from "@/app/api/admin/alerts/[id]/snooze/route";
import { PATCH as resolveRoute } from "@/app/api/admin/alerts/[id]/resolve/route";
import { GET as detailRoute } from "@/app/api/admin/alerts/[id]/route";
import { GET as listRoute } from "@/app/api/admin/alerts/calendar-sync/route";
import { POST as bulkRoute } from "@/app/api/admin/alerts/bulk/route";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());
const db = () => testDb.db;

const THRESHOLD = 3;
const HOUR_MS = 3_600_000;

async function openAlert(options: { feedFailures?: number } = {}) {
  const listing = await makeListing(db(), { title: `Annonce ${Math.random().toString(36).slice(2, 8)}` });
  const feed = await makeFeed(db(), listing.id, { provider: "Airbnb" });
  const failures = options.feedFailures ?? 1;
  await db().update(calendarFeeds).set({ consecutiveFailures: failures }).where(eq(calendarFeeds.id, feed.id));
  const { alert } = await createCalendarSyncAlert(testDb.ctx, {
    listingId: listing.id,
    errorType: "FEED_NOT_FOUND",
    errorMessage: "Not found",
    feedId: feed.id,
    feedConsecutiveFailures: failures,
    feedLabel: "Airbnb",
    threshold: THRESHOLD,
  });
  return { listing, feed, alert };
}

/** Counts one more failure of the feed, as the sync would (the feed's row first, then the alert). */
async function failAgain(
  feedId: string,
  listingId: string,
  errorType: "FEED_NOT_FOUND" | "TIMEOUT" = "FEED_NOT_FOUND",
  occurredAt = new Date(),
) {
  const [feed] = await db()
    .update(calendarFeeds)
    .set({ consecutiveFailures: sql`${calendarFeeds.consecutiveFailures} + 1` })
    .where(eq(calendarFeeds.id, feedId))
    .returning({ consecutiveFailures: calendarFeeds.consecutiveFailures });
  return createCalendarSyncAlert(testDb.ctx, {
    listingId,
    errorType,
    errorMessage: "again",
    feedId,
    feedConsecutiveFailures: feed!.consecutiveFailures,
    feedLabel: "Airbnb",
    threshold: THRESHOLD,
    occurredAt,
  });
}

const call = async (
  route: (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>,
  alertId: string,
  method: string,
  cookie: string,
  body?: unknown,
) =>
  readJson(
    await route(
      apiRequest(`/api/admin/alerts/${alertId}`, {
        method,
        cookie,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
      routeContext({ id: alertId }),
    ),
  );
const eventsOf = (alertId: string) =>
  db().select().from(alertEvents).where(eq(alertEvents.alertId, alertId)).orderBy(alertEvents.id);
const auditOf = (alertId: string, action: string) =>
  db()
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.entityId, alertId), eq(auditLogs.action, action)));
// The outbox as the worker's next turn leaves it: the recorded events fanned out first.
const escalationEmails = async (alertId: string) => {
  await fanOutEvents(testDb.ctx);
  return db()
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.dedupeKey, escalationKey(alertId)));
};

describe("« Je m'en occupe »: who is on an alert", () => {
  it("assigns an alert to oneself, to a colleague, then to nobody: each change on the timeline and in the audit log", async () => {
    const { alert } = await openAlert();
    const me = await makeSupportUser(db());
    const colleague = await makeUser(db(), "admin", { name: "Camille Admin" });
    const cookie = await sessionCookieFor(me);

    const taken = await call(assigneeRoute, alert.id, "PATCH", cookie, { userId: me.id });
    expect(taken.status).toBe(200);
    expect(taken.body.data.assignee).toEqual({ id: me.id, name: me.name });
    const given = await call(assigneeRoute, alert.id, "PATCH", cookie, { userId: colleague.id });
    expect(given.body.data.assignee).toEqual({ id: colleague.id, name: "Camille Admin" });
    const again = await call(assigneeRoute, alert.id, "PATCH", cookie, { userId: colleague.id });
    expect(again.status).toBe(200);
    const released = await call(assigneeRoute, alert.id, "PATCH", cookie, { userId: null });
    expect(released.body.data.assignee).toBeNull();

    // The same owner twice is no change: three events, three audit rows.
    expect(
      (await eventsOf(alert.id)).map((event) => [event.kind, event.actorId, event.data?.assigneeId ?? null]),
    ).toEqual([
      ["assigned", me.id, me.id],
      ["assigned", me.id, colleague.id],
      ["unassigned", me.id, null],
    ]);
    expect(await auditOf(alert.id, "calendar_sync_alert.assigned")).toHaveLength(2);
    expect(await auditOf(alert.id, "calendar_sync_alert.unassigned")).toHaveLength(1);
    const detail = await call(detailRoute, alert.id, "GET", cookie);
    expect(detail.body.data.events.map((event: { kind: string }) => event.kind)).toEqual([
      "unassigned",
      "assigned",
      "assigned",
    ]);
  });

  it("refuses a host, a disabled agent or an unknown user as owner (422), a resolved alert (409), an unknown alert (404); keeps the owner of a resolved alert", async () => {
    const { alert } = await openAlert();
    const me = await makeSupportUser(db());
    const cookie = await sessionCookieFor(me);
    const host = await makeHostUser(db());
    const disabled = await makeUser(db(), "support", { disabledAt: new Date() });
    for (const userId of [host.id, disabled.id, "nobody", "x".repeat(64)]) {
      const refused = await call(assigneeRoute, alert.id, "PATCH", cookie, { userId });
      expect(refused.status, userId).toBe(422);
      expect(refused.body.error.code).toBe("UNPROCESSABLE");
    }
    for (const body of [{}, { userId: 3 }, { userId: "" }, { userId: null, extra: 1 }]) {
      expect((await call(assigneeRoute, alert.id, "PATCH", cookie, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await call(assigneeRoute, "nope", "PATCH", cookie, { userId: me.id })).status).toBe(404);
    await call(assigneeRoute, alert.id, "PATCH", cookie, { userId: me.id });
    expect((await call(resolveRoute, alert.id, "PATCH", cookie, { note: "Lien régénéré." })).status).toBe(200);
    const late = await call(assigneeRoute, alert.id, "PATCH", cookie, { userId: null });
    expect(late.status).toBe(409);
    expect((await call(detailRoute, alert.id, "GET", cookie)).body.data.assignee).toEqual({ id: me.id, name: me.name });
  });

  it("filters the list by « Mes alertes » and « Non assignées »", async () => {
    const mine = await openAlert();
    const theirs = await openAlert();
    const nobodys = await openAlert();
    const me = await makeSupportUser(db());
    const colleague = await makeSupportUser(db());
    const cookie = await sessionCookieFor(me);
    await call(assigneeRoute, mine.alert.id, "PATCH", cookie, { userId: me.id });
    await call(assigneeRoute, theirs.alert.id, "PATCH", cookie, { userId: colleague.id });
    const ids = async (query: string) => {
      const answer = await readJson(
        await listRoute(apiRequest(`/api/admin/alerts/calendar-sync?${query}&limit=100`, { cookie }), routeContext({})),
      );
      // On PostgreSQL both filters once shared a prepared statement's name (a 500 when one connection served both).
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return (answer.body.data as Array<{ id: string }>).map((row) => row.id);
    };
    expect(await ids("assignee=me")).toEqual([mine.alert.id]);
    const unassigned = await ids("assignee=none");
    expect(unassigned).toContain(nobodys.alert.id);
    expect(unassigned).not.toContain(mine.alert.id);
    expect(unassigned).not.toContain(theirs.alert.id);
    expect(
      (
        await readJson(
          await listRoute(apiRequest("/api/admin/alerts/calendar-sync?assignee=someone", { cookie }), routeContext({})),
        )
      ).status,
    ).toBe(400);
  });
});

describe("notes on an alert's timeline", () => {
  it("stores a note as typed, with its author, audited (201); refuses an empty, too long or control-character note (400) and an unknown alert (404)", async () => {
    const { alert } = await openAlert();
    const me = await makeSupportUser(db());
    const cookie = await sessionCookieFor(me);
    const text = "Appelé l'hôte : il régénère son lien <b>demain</b> & rappelle.";
    const created = await call(notesRoute, alert.id, "POST", cookie, { text });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ alertId: alert.id, text, author: { id: me.id, name: me.name } });
    expect((await eventsOf(alert.id)).map((event) => [event.kind, event.text, event.actorId])).toEqual([
      ["note", text, me.id],
    ]);
    expect(await auditOf(alert.id, "calendar_sync_alert.note_added")).toHaveLength(1);
    for (const body of [
      { text: "" },
      { text: "   " },
      { text: "x".repeat(2001) },
      { text: "a\u202Eb" },
      { text: 5 },
      {},
    ]) {
      expect((await call(notesRoute, alert.id, "POST", cookie, body)).status, JSON.stringify(body).slice(0, 40)).toBe(
        400,
      );
    }
    expect((await call(notesRoute, alert.id, "POST", cookie, { text: "x".repeat(2000) })).status).toBe(201);
    expect((await call(notesRoute, "nope", "POST", cookie, { text: "ok" })).status).toBe(404);
    const detail = await call(detailRoute, alert.id, "GET", cookie);
    expect(detail.body.data.events.at(-1)).toMatchObject({ kind: "note", text, actor: { id: me.id } });
  });
});

describe("« Mettre en pause »: snoozing an alert", () => {
  it("takes a snoozed alert off the open list and shows it under « En pause », until « Reprendre » (then 409)", async () => {
    const { alert, listing } = await openAlert();
    const me = await makeSupportUser(db());
    const cookie = await sessionCookieFor(me);
    const until = new Date(Date.now() + 4 * HOUR_MS).toISOString();
    const snoozed = await call(snoozeRoute, alert.id, "PUT", cookie, { until });
    expect(snoozed.status).toBe(200);
    expect(snoozed.body.data).toMatchObject({ snoozedUntil: until, snoozedUntilChange: false });
    const list = async (status: string) =>
      (
        await readJson(
          await listRoute(
            apiRequest(`/api/admin/alerts/calendar-sync?status=${status}&listingId=${listing.id}`, { cookie }),
            routeContext({}),
          ),
        )
      ).body;
    expect((await list("open")).data).toEqual([]);
    const paused = await list("snoozed");
    expect(paused.data.map((row: { id: string }) => row.id)).toEqual([alert.id]);
    // Only the open view counts alerts under incidents.
    expect(paused.meta.counts).toEqual({ active: 0, escalated: 0, snoozed: 1, resolved: 0 });
    expect(await auditOf(alert.id, "calendar_sync_alert.snoozed")).toHaveLength(1);

    const resumed = await call(unsnoozeRoute, alert.id, "DELETE", cookie);
    expect(resumed.status).toBe(200);
    expect(resumed.body.data).toMatchObject({ snoozedUntil: null, snoozedUntilChange: false, status: "active" });
    expect((await list("open")).data.map((row: { id: string }) => row.id)).toEqual([alert.id]);
    expect((await call(unsnoozeRoute, alert.id, "DELETE", cookie)).status).toBe(409);
    expect((await eventsOf(alert.id)).map((event) => event.kind)).toEqual(["snoozed", "unsnoozed"]);
  });

  it("refuses a past time, more than 30 days, both forms or neither (400), a resolved alert (409), an unknown one (404)", async () => {
    const { alert } = await openAlert();
    const cookie = await sessionCookieFor(await makeSupportUser(db()));
    for (const body of [
      { until: new Date(Date.now() - 60_000).toISOString() },
      { until: new Date(Date.now() + 31 * 24 * HOUR_MS).toISOString() },
      { until: "demain" },
      { until: new Date(Date.now() + HOUR_MS).toISOString(), untilChange: true },
      { untilChange: false },
      {},
    ]) {
      const refused = await call(snoozeRoute, alert.id, "PUT", cookie, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.code).toBe("VALIDATION_FAILED");
    }
    expect((await call(snoozeRoute, "nope", "PUT", cookie, { untilChange: true })).status).toBe(404);
    await call(resolveRoute, alert.id, "PATCH", cookie, {});
    expect((await call(snoozeRoute, alert.id, "PUT", cookie, { untilChange: true })).status).toBe(409);
    expect((await call(unsnoozeRoute, alert.id, "DELETE", cookie)).status).toBe(409);
  });

  it("keeps counting a snoozed alert without escalating or e-mailing; two workers waking it at its time escalate it once, with one e-mail", async () => {
    const { alert, feed, listing } = await openAlert();
    const cookie = await sessionCookieFor(await makeSupportUser(db()));
    const now = Date.now();
    await call(snoozeRoute, alert.id, "PUT", cookie, { until: new Date(now + HOUR_MS).toISOString() });
    await failAgain(feed.id, listing.id);
    const reached = await failAgain(feed.id, listing.id);
    expect(reached.alert).toMatchObject({ failedAttempts: 3, status: "active" });
    expect(reached.escalated).toBe(false);
    expect(await escalationEmails(alert.id)).toEqual([]);

    // Not yet: its time has not come.
    expect(await wakeSnoozedAlerts(systemContext(db()), { now: new Date(now + HOUR_MS / 2) })).toEqual({
      woken: 0,
      escalated: 0,
    });
    const wakeAt = new Date(now + 2 * HOUR_MS);
    const results = await Promise.all([
      wakeSnoozedAlerts(systemContext(db()), { now: wakeAt }),
      wakeSnoozedAlerts(systemContext(db()), { now: wakeAt }),
    ]);
    expect(results.reduce((sum, result) => sum + result.woken, 0)).toBe(1);
    expect(results.reduce((sum, result) => sum + result.escalated, 0)).toBe(1);
    const [row] = await db().select().from(calendarSyncAlerts).where(eq(calendarSyncAlerts.id, alert.id));
    expect(row).toMatchObject({ status: "escalated", snoozedUntil: null });
    expect(row!.escalationReason).toContain("pendant la pause");
    expect(await escalationEmails(alert.id)).toHaveLength(1);
    expect((await eventsOf(alert.id)).filter((event) => event.kind === "woke")).toHaveLength(1);
  });

  it("wakes without escalating an alert whose feed recovered below the threshold while it slept", async () => {
    const { alert, feed } = await openAlert();
    const cookie = await sessionCookieFor(await makeSupportUser(db()));
    await call(snoozeRoute, alert.id, "PUT", cookie, { until: new Date(Date.now() + HOUR_MS).toISOString() });
    await db().update(calendarFeeds).set({ consecutiveFailures: 1 }).where(eq(calendarFeeds.id, feed.id));
    expect(await wakeSnoozedAlerts(systemContext(db()), { now: new Date(Date.now() + 2 * HOUR_MS) })).toMatchObject({
      woken: 1,
      escalated: 0,
    });
    expect(await escalationEmails(alert.id)).toEqual([]);
  });

  it("snoozed until the error changes: the same error keeps it asleep, another error type wakes it", async () => {
    const { alert, feed, listing } = await openAlert();
    const cookie = await sessionCookieFor(await makeSupportUser(db()));
    expect((await call(snoozeRoute, alert.id, "PUT", cookie, { untilChange: true })).body.data.snoozedUntilChange).toBe(
      true,
    );
    await db().update(calendarFeeds).set({ consecutiveFailures: 5 }).where(eq(calendarFeeds.id, feed.id));
    const same = await failAgain(feed.id, listing.id, "FEED_NOT_FOUND");
    expect(same.alert).toMatchObject({ snoozedUntilChange: true, status: "active" });
    const changed = await failAgain(feed.id, listing.id, "TIMEOUT");
    // Awake, and past the threshold with a new error: it escalates now, its e-mail queued.
    expect(changed.alert).toMatchObject({ snoozedUntilChange: false, snoozedErrorType: null, status: "escalated" });
    expect(changed.escalated).toBe(true);
    expect((await eventsOf(alert.id)).map((event) => event.kind)).toEqual(["snoozed", "woke"]);
  });

  it("snoozed until the error changes: the count reaching the threshold again wakes and escalates it", async () => {
    const { alert, feed, listing } = await openAlert();
    const cookie = await sessionCookieFor(await makeSupportUser(db()));
    await call(snoozeRoute, alert.id, "PUT", cookie, { untilChange: true });
    await failAgain(feed.id, listing.id);
    const reached = await failAgain(feed.id, listing.id);
    expect(reached.alert).toMatchObject({ snoozedUntilChange: false, status: "escalated" });
  });
});

describe("the workflow routes refuse", () => {
  it("anonymous callers (401) and hosts (403), changing nothing", async () => {
    const { alert } = await openAlert();
    const host = await makeHostUser(db());
    const hostCookie = await sessionCookieFor(host);
    for (const cookie of ["", hostCookie]) {
      const expected = cookie ? 403 : 401;
      expect((await call(assigneeRoute, alert.id, "PATCH", cookie, { userId: null })).status).toBe(expected);
      expect((await call(notesRoute, alert.id, "POST", cookie, { text: "x" })).status).toBe(expected);
      expect((await call(snoozeRoute, alert.id, "PUT", cookie, { untilChange: true })).status).toBe(expected);
      expect((await call(unsnoozeRoute, alert.id, "DELETE", cookie)).status).toBe(expected);
    }
    expect(await eventsOf(alert.id)).toEqual([]);
  });
});

describe("the second level of escalation", () => {
  const SECOND = "astreinte@example.com";
  async function escalatedAt(at: Date, providerKey = "airbnb.example") {
    const listing = await makeListing(db());
    const feed = await makeFeed(db(), listing.id, { provider: "Airbnb" });
    await db()
      .update(calendarFeeds)
      .set({ consecutiveFailures: THRESHOLD, providerKey })
      .where(eq(calendarFeeds.id, feed.id));
    const { alert, escalated } = await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing.id,
      errorType: "FEED_NOT_FOUND",
      errorMessage: "404",
      feedId: feed.id,
      feedConsecutiveFailures: THRESHOLD,
      feedLabel: "Airbnb",
      threshold: THRESHOLD,
      occurredAt: at,
    });
    expect(escalated).toBe(true);
    return alert;
  }
  // The outbox as the worker's next turn leaves it: the recorded events fanned out first.
  const secondLevelEmails = async (alertId: string) => {
    await fanOutEvents(systemContext(db()));
    return db()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.dedupeKey, `calendar-sync-alert-second-level:${alertId}`));
  };

  it("tells the second level once, with two workers at it, when nobody took an escalated alert within the delay", async () => {
    const now = new Date();
    const alert = await escalatedAt(new Date(now.getTime() - 61 * 60_000));
    const told = await Promise.all([
      tellSecondLevel(systemContext(db()), { now, recipient: SECOND, afterMinutes: 60 }),
      tellSecondLevel(systemContext(db()), { now, recipient: SECOND, afterMinutes: 60 }),
    ]);
    expect(told.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(1);
    const emails = await secondLevelEmails(alert.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ recipient: SECOND, kind: "calendar_sync_alert.second_level" });
    expect(emails[0]!.subject).toContain("Personne ne s'en occupe depuis 1 h");
    expect((await eventsOf(alert.id)).filter((event) => event.kind === "second_level")).toHaveLength(1);
    await tellSecondLevel(systemContext(db()), {
      now: new Date(now.getTime() + HOUR_MS),
      recipient: SECOND,
      afterMinutes: 60,
    });
    expect(await secondLevelEmails(alert.id)).toHaveLength(1);
  });

  it("tells nobody of an alert someone took, a snoozed one, one still within the delay, one under a provider incident, or with no second level set", async () => {
    const now = new Date();
    const long = new Date(now.getTime() - 2 * HOUR_MS);
    const cookie = await sessionCookieFor(await makeSupportUser(db()));
    const owned = await escalatedAt(long);
    await call(assigneeRoute, owned.id, "PATCH", cookie, { userId: (await makeSupportUser(db())).id });
    const snoozed = await escalatedAt(long);
    await call(snoozeRoute, snoozed.id, "PUT", cookie, { until: new Date(now.getTime() + HOUR_MS).toISOString() });
    const recent = await escalatedAt(new Date(now.getTime() - 10 * 60_000));
    const covered = await escalatedAt(long, "127.0.0.42");
    await openIncident(testDb.ctx, {
      providerKey: "127.0.0.42",
      stats: { feedsFailing: 10, listingsFailing: 10, feedsSynced: 10, errorCounts: {} },
      now: long,
      probeIntervalSeconds: 60,
    });
    const unconfigured = await escalatedAt(long, "other.example");
    expect(await tellSecondLevel(systemContext(db()), { now, recipient: "", afterMinutes: 60 })).toBe(0);
    await tellSecondLevel(systemContext(db()), { now, recipient: SECOND, afterMinutes: 60 });
    for (const alert of [owned, snoozed, recent, covered])
      expect(await secondLevelEmails(alert.id), alert.id).toEqual([]);
    expect(await secondLevelEmails(unconfigured.id)).toHaveLength(1);
  });
});

describe("bulk actions on the history page", () => {
  const bulk = async (cookie: string, body: unknown) =>
    readJson(
      await bulkRoute(
        apiRequest("/api/admin/alerts/bulk", { method: "POST", cookie, body: JSON.stringify(body) }),
        routeContext({}),
      ),
    );

  it("resolves several alerts with a note in one request, each audited, and says which it skipped and why", async () => {
    const alerts = await Promise.all([openAlert(), openAlert(), openAlert()]);
    const [done1, done2, already] = alerts.map(({ alert }) => alert.id);
    const agent = await makeSupportUser(db());
    const cookie = await sessionCookieFor(agent);
    await call(resolveRoute, already!, "PATCH", cookie, {});
    const answer = await bulk(cookie, {
      action: "resolve",
      ids: [done1, done2, already, "nope", done1],
      note: "Lot : liens régénérés.",
    });
    expect(answer.status).toBe(200);
    expect(answer.body.data.done.sort()).toEqual([done1, done2].sort());
    expect(answer.body.data.skipped).toEqual(
      expect.arrayContaining([
        { id: already, reason: "already_resolved" },
        { id: "nope", reason: "not_found" },
      ]),
    );
    for (const id of [done1!, done2!]) {
      const [row] = await db().select().from(calendarSyncAlerts).where(eq(calendarSyncAlerts.id, id));
      expect(row).toMatchObject({ status: "resolved", resolvedBy: agent.id, resolutionNote: "Lot : liens régénérés." });
      expect(await auditOf(id, "calendar_sync_alert.resolved")).toHaveLength(1);
    }
  });

  it("assigns and snoozes the alerts matching the list's filters, up to 500", async () => {
    const tagged = `Lot-${Math.random().toString(36).slice(2, 8)}`;
    const alerts = [];
    for (let i = 0; i < 3; i++) {
      const listing = await makeListing(db(), { title: `${tagged} ${i}` });
      alerts.push(
        (
          await createCalendarSyncAlert(testDb.ctx, {
            listingId: listing.id,
            errorType: "TIMEOUT",
            errorMessage: "t",
            threshold: THRESHOLD,
          })
        ).alert.id,
      );
    }
    const agent = await makeSupportUser(db());
    const cookie = await sessionCookieFor(agent);
    const assigned = await bulk(cookie, { action: "assign", filter: { q: tagged }, userId: agent.id });
    expect(assigned.body.data.done.sort()).toEqual([...alerts].sort());
    expect(await auditOf(alerts[0]!, "calendar_sync_alert.assigned")).toHaveLength(1);
    const until = new Date(Date.now() + HOUR_MS).toISOString();
    const snoozed = await bulk(cookie, { action: "snooze", filter: { q: tagged }, until });
    expect(snoozed.body.data.done).toHaveLength(3);
    const rows = await db().select().from(calendarSyncAlerts).where(eq(calendarSyncAlerts.assigneeId, agent.id));
    expect(rows.map((row) => row.snoozedUntil?.toISOString())).toEqual([until, until, until]);
    // Snoozed, they no longer match the open list: a second pass over the same filter finds none.
    expect((await bulk(cookie, { action: "snooze", filter: { q: tagged }, untilChange: true })).status).toBe(400);
  });

  it("refuses the whole request, changing nothing: a host as owner (422), a bad action, both or neither selection, more than 500 (400); anonymous 401, host 403", async () => {
    const { alert } = await openAlert();
    const agent = await makeSupportUser(db());
    const cookie = await sessionCookieFor(agent);
    const host = await makeHostUser(db());
    expect((await bulk(cookie, { action: "assign", ids: [alert.id], userId: host.id })).status).toBe(422);
    for (const body of [
      { action: "delete", ids: [alert.id] },
      { action: "resolve" },
      { action: "resolve", ids: [alert.id], filter: {} },
      { action: "resolve", ids: [] },
      { action: "resolve", ids: Array.from({ length: 501 }, (_, i) => `a${i}`) },
      { action: "snooze", ids: [alert.id] },
      { action: "snooze", ids: [alert.id], until: new Date(Date.now() - 1000).toISOString() },
      { action: "assign", ids: [alert.id] },
      { action: "resolve", filter: { status: "maybe" } },
    ]) {
      const refused = await bulk(cookie, body);
      expect(refused.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(refused.body.error.code).toBe("VALIDATION_FAILED");
    }
    expect((await bulk("", { action: "resolve", ids: [alert.id] })).status).toBe(401);
    expect((await bulk(await sessionCookieFor(host), { action: "resolve", ids: [alert.id] })).status).toBe(403);
    const [row] = await db().select().from(calendarSyncAlerts).where(eq(calendarSyncAlerts.id, alert.id));
    expect(row).toMatchObject({ status: "active", assigneeId: null, snoozedUntil: null });
  });
});

describe("the dashboard's grouping under provider incidents", () => {
  it("marks each open alert an open incident covers, and counts them « dont N sous incident »", async () => {
    const provider = `127.0.0.${Math.floor(Math.random() * 200) + 20}`;
    const covered = [];
    for (let i = 0; i < 3; i++) {
      const { alert, feed } = await openAlert();
      await db().update(calendarFeeds).set({ providerKey: provider }).where(eq(calendarFeeds.id, feed.id));
      covered.push(alert.id);
    }
    const apart = await openAlert();
    const { incident } = await openIncident(testDb.ctx, {
      providerKey: provider,
      stats: { feedsFailing: 3, listingsFailing: 3, feedsSynced: 3, errorCounts: {} },
      now: new Date(),
      probeIntervalSeconds: 60,
    });
    const cookie = await sessionCookieFor(await makeSupportUser(db()));
    const { body } = await readJson(
      await listRoute(
        apiRequest("/api/admin/alerts/calendar-sync?view=summary&limit=100", { cookie }),
        routeContext({}),
      ),
    );
    const byId = new Map<string, { incident: unknown }>(
      body.data.map((alert: { id: string; incident: unknown }) => [alert.id, alert]),
    );
    for (const id of covered) expect(byId.get(id)?.incident).toEqual({ id: incident.id, providerKey: provider });
    expect(byId.get(apart.alert.id)?.incident).toBeNull();
    expect(body.meta.counts.underIncident).toBeGreaterThanOrEqual(3);
  });
});
