import { systemContext } from "@/server/service-context";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeFeed, makeHostUser, makeListing, makeSupportUser } from "../helpers/factories";
import { makeTestFetcher } from "../helpers/fetcher";
import { AIRBNB, BOOKING, calendarOf, startIcsServer, VRBO, type IcsServer, type Stay } from "../helpers/ics-server";
import { auditLogs, bookingConflicts, calendarBlocks, calendarFeeds, emailOutbox } from "@/server/db/schema";
import { syncFeed } from "@/server/services/calendar/calendar.service";
import { dismissConflict } from "@/server/services/conflicts/conflicts.service";
import { removeCalendarFeed } from "@/server/services/calendar/calendar.service";
import { confirmBookingConflicts } from "@/server/services/alerting/alerting.service";
import { fanOutEvents } from "@/server/services/notifications/notifications.service";
import { apiRequest, readJson, routeContext, sessionCookieFor } from "../helpers/requests";
import { GET as listRoute } from "@/app/api/admin/booking-conflicts/route";
import { GET as detailRoute } from "@/app/api/admin/booking-conflicts/[id]/route";
import { PATCH as dismissRoute } from "@/app/api/admin/booking-conflicts/[id]/dismiss/route";

let testDb: TestDatabase;
let server: IcsServer;
const fetcher = makeTestFetcher();
beforeAll(async () => {
  testDb = await createTestDatabase();
  server = await startIcsServer();
});
afterAll(async () => {
  await fetcher.close();
  await server.close();
  await testDb.close();
});
const db = () => testDb.db;

// Stays are laid out from a fixed day: a sync's « now » is pinned, so nights never pass under the test.
const NOW = new Date("2026-12-01T09:00:00Z");
const now = () => NOW;
const reserved = (uid: string, from: string, to: string): Stay => ({
  uid,
  from,
  to,
  summary: "Reserved",
  description: "Reservation URL: https://www.airbnb.com/hosting/reservations/details/HM1",
});

let seq = 0;
async function listingWithFeeds(calendars: Array<{ provider: string; body: string }>) {
  const host = await makeHostUser(db());
  const listing = await makeListing(db(), { ownerId: host.id });
  const feeds = [];
  for (const calendar of calendars) {
    const path = `/${listing.id}/${seq++}.ics`;
    server.set(path, calendar.body);
    feeds.push({
      feed: await makeFeed(db(), listing.id, { url: `${server.baseUrl}${path}?t=secret`, provider: calendar.provider }),
      path,
    });
  }
  return { host, listing, feeds };
}
const sync = (feedId: string) => syncFeed(testDb.ctx, { feedId, fetcher, now });
const minutesLater = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
/** The second look: both feeds synced again a minute later, then the confirmation past CONFLICT_CONFIRM_MINUTES (10). */
async function secondLook(feeds: Array<{ feed: { id: string } }>) {
  for (const { feed } of feeds) await syncFeed(testDb.ctx, { feedId: feed.id, fetcher, now: () => minutesLater(1) });
  return confirmBookingConflicts(testDb.ctx, { now: minutesLater(11) });
}
/** Two reservations, Airbnb (12–15) and Vrbo (14–16), both imported: one certain conflict, not yet told. */
async function doubleBooked(tag: string) {
  const made = await listingWithFeeds([
    { provider: "Airbnb", body: calendarOf(AIRBNB, [reserved(`${tag}@airbnb.com`, "2026-12-12", "2026-12-15")]) },
    {
      provider: "Vrbo",
      body: calendarOf(VRBO, [
        { uid: `${tag}@homeaway.com`, from: "2026-12-14", to: "2026-12-16", summary: "Reserved" },
      ]),
    },
  ]);
  for (const { feed } of made.feeds) await sync(feed.id);
  return made;
}
// The outbox as the worker's next turn leaves it: the recorded events fanned out first.
const mailsOf = async (conflictId: string) => {
  await fanOutEvents(testDb.ctx);
  return db()
    .select()
    .from(emailOutbox)
    .where(like(emailOutbox.dedupeKey, `booking-conflict:${conflictId}:%`));
};
const conflictsOf = (listingId: string) =>
  db().select().from(bookingConflicts).where(eq(bookingConflicts.listingId, listingId));

describe("double bookings across a listing's feeds", () => {
  it("stores each stay's kind by its platform's conventions", async () => {
    const { feeds } = await listingWithFeeds([
      {
        provider: "Airbnb",
        body: calendarOf(AIRBNB, [
          reserved("a1@airbnb.com", "2026-12-10", "2026-12-12"),
          { uid: "a2@airbnb.com", from: "2026-12-20", to: "2026-12-22", summary: "Airbnb (Not available)" },
        ]),
      },
    ]);
    await sync(feeds[0]!.feed.id);
    const blocks = await db()
      .select({ uid: calendarBlocks.uid, kind: calendarBlocks.kind })
      .from(calendarBlocks)
      .where(eq(calendarBlocks.feedId, feeds[0]!.feed.id));
    expect(Object.fromEntries(blocks.map((block) => [block.uid, block.kind]))).toEqual({
      "a1@airbnb.com": "reservation",
      "a2@airbnb.com": "blocked",
    });
  });

  it("opens one certain conflict for two reservations sharing nights, with the nights in common, and e-mails support and the host once", async () => {
    const { listing, feeds } = await listingWithFeeds([
      { provider: "Airbnb", body: calendarOf(AIRBNB, [reserved("a@airbnb.com", "2026-12-12", "2026-12-15")]) },
      {
        provider: "Vrbo",
        body: calendarOf(VRBO, [
          { uid: "v@homeaway.com", from: "2026-12-13", to: "2026-12-16", summary: "Reserved - Martin", zoned: true },
        ]),
      },
    ]);
    await sync(feeds[0]!.feed.id);
    await sync(feeds[1]!.feed.id);
    await sync(feeds[0]!.feed.id);
    const conflicts = await conflictsOf(listing.id);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      certainty: "certain",
      status: "open",
      firstNight: "2026-12-13",
      lastNight: "2026-12-14",
      nights: 2,
      kindA: "reservation",
      kindB: "reservation",
    });
    expect(await mailsOf(conflicts[0]!.id)).toEqual([]);
    expect(await secondLook(feeds)).toBe(1);
    expect(await confirmBookingConflicts(testDb.ctx, { now: minutesLater(12) })).toBe(0);
    const mails = await mailsOf(conflicts[0]!.id);
    expect(mails.map((mail) => mail.dedupeKey).sort()).toEqual([
      `booking-conflict:${conflicts[0]!.id}:host`,
      `booking-conflict:${conflicts[0]!.id}:support`,
    ]);
    expect(mails.find((mail) => mail.dedupeKey.endsWith(":support"))!.subject).toMatch(
      /^\[Double réservation\] .* : 2 nuits à partir du 13 déc\. \(/,
    );
    expect(mails.map((mail) => `${mail.subject} ${mail.textBody}`).join(" ")).not.toMatch(
      /Martin|airbnb\.com\/hosting/,
    );
    const audits = await db()
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, conflicts[0]!.id), eq(auditLogs.action, "booking_conflict.opened")));
    expect(audits).toHaveLength(1);
  });

  it("ignores the echo of one stay imported back as a closed period, and a block", async () => {
    const { listing, feeds } = await listingWithFeeds([
      {
        provider: "Airbnb",
        body: calendarOf(AIRBNB, [
          reserved("a@airbnb.com", "2026-12-12", "2026-12-15"),
          { uid: "b@airbnb.com", from: "2026-12-20", to: "2026-12-23", summary: "Airbnb (Not available)" },
        ]),
      },
      {
        provider: "Booking.com",
        body: calendarOf(BOOKING, [
          { uid: "echo@booking.com", from: "2026-12-12", to: "2026-12-15", summary: "CLOSED - Not available" },
          { uid: "r@booking.com", from: "2026-12-21", to: "2026-12-24", summary: "CLOSED - Not available" },
        ]),
      },
    ]);
    await sync(feeds[0]!.feed.id);
    await sync(feeds[1]!.feed.id);
    expect(await conflictsOf(listing.id)).toEqual([]);
  });

  it("calls a reservation against a closed period on other dates probable, and resolves it when a later sync no longer shows the overlap", async () => {
    const { listing, feeds } = await listingWithFeeds([
      { provider: "Airbnb", body: calendarOf(AIRBNB, [reserved("a@airbnb.com", "2026-12-12", "2026-12-15")]) },
      {
        provider: "Booking.com",
        body: calendarOf(BOOKING, [
          { uid: "shifted@booking.com", from: "2026-12-13", to: "2026-12-16", summary: "CLOSED - Not available" },
        ]),
      },
    ]);
    await sync(feeds[0]!.feed.id);
    await sync(feeds[1]!.feed.id);
    expect(await conflictsOf(listing.id)).toMatchObject([
      { certainty: "probable", status: "open", firstNight: "2026-12-13", lastNight: "2026-12-14" },
    ]);
    // The stay moved to January (an empty calendar would be held back as suspicious: its stays are kept).
    server.set(
      feeds[1]!.path,
      calendarOf(BOOKING, [
        { uid: "shifted@booking.com", from: "2027-01-13", to: "2027-01-16", summary: "CLOSED - Not available" },
      ]),
    );
    await sync(feeds[1]!.feed.id);
    expect(await conflictsOf(listing.id)).toMatchObject([{ status: "resolved", resolution: "chevauchement disparu" }]);
  });

  it("keeps a dismissed pair closed while its dates stay, and opens a new conflict when they change", async () => {
    const { listing, feeds } = await listingWithFeeds([
      { provider: "Airbnb", body: calendarOf(AIRBNB, [reserved("a@airbnb.com", "2026-12-12", "2026-12-15")]) },
      {
        provider: "Vrbo",
        body: calendarOf(VRBO, [{ uid: "v@homeaway.com", from: "2026-12-14", to: "2026-12-16", summary: "Reserved" }]),
      },
    ]);
    await sync(feeds[0]!.feed.id);
    await sync(feeds[1]!.feed.id);
    const [open] = await conflictsOf(listing.id);
    const agent = await makeSupportUser(db());
    await dismissConflict(testDb.as(agent), {
      conflictId: open!.id,
      reason: "Même voyageur, réservé deux fois puis annulé chez Vrbo.",
    });
    await sync(feeds[0]!.feed.id);
    await sync(feeds[1]!.feed.id);
    expect((await conflictsOf(listing.id)).map((conflict) => conflict.status)).toEqual(["dismissed"]);
    server.set(
      feeds[1]!.path,
      calendarOf(VRBO, [{ uid: "v@homeaway.com", from: "2026-12-13", to: "2026-12-16", summary: "Reserved" }]),
    );
    await sync(feeds[1]!.feed.id);
    expect((await conflictsOf(listing.id)).map((conflict) => conflict.status).sort()).toEqual(["dismissed", "open"]);
  });

  it("ignores nights already passed, and stays of one feed", async () => {
    const { listing, feeds } = await listingWithFeeds([
      {
        provider: "Airbnb",
        body: calendarOf(AIRBNB, [
          reserved("a@airbnb.com", "2026-11-27", "2026-12-01"),
          reserved("b@airbnb.com", "2026-12-10", "2026-12-12"),
          reserved("c@airbnb.com", "2026-12-11", "2026-12-13"),
        ]),
      },
      {
        provider: "Vrbo",
        body: calendarOf(VRBO, [{ uid: "v@homeaway.com", from: "2026-11-28", to: "2026-12-01", summary: "Reserved" }]),
      },
    ]);
    await sync(feeds[0]!.feed.id);
    await sync(feeds[1]!.feed.id);
    expect(await conflictsOf(listing.id)).toEqual([]);
  });

  it("resolves a feed's conflicts when its host removes it", async () => {
    const { host, listing, feeds } = await listingWithFeeds([
      { provider: "Airbnb", body: calendarOf(AIRBNB, [reserved("a@airbnb.com", "2026-12-12", "2026-12-15")]) },
      {
        provider: "Vrbo",
        body: calendarOf(VRBO, [{ uid: "v@homeaway.com", from: "2026-12-14", to: "2026-12-16", summary: "Reserved" }]),
      },
    ]);
    await sync(feeds[0]!.feed.id);
    await sync(feeds[1]!.feed.id);
    await removeCalendarFeed(testDb.as(host), { listingId: listing.id, feedId: feeds[1]!.feed.id });
    expect(await conflictsOf(listing.id)).toMatchObject([{ status: "resolved", resolution: "calendrier retiré" }]);
  });

  it("opens one conflict and two e-mails when two workers sync the listing's two feeds at once", async () => {
    for (let round = 0; round < 5; round++) {
      const { listing, feeds } = await listingWithFeeds([
        {
          provider: "Airbnb",
          body: calendarOf(AIRBNB, [reserved(`a${round}@airbnb.com`, "2026-12-12", "2026-12-15")]),
        },
        {
          provider: "Vrbo",
          body: calendarOf(VRBO, [
            { uid: `v${round}@homeaway.com`, from: "2026-12-14", to: "2026-12-16", summary: "Reserved" },
          ]),
        },
      ]);
      await Promise.all([sync(feeds[0]!.feed.id), sync(feeds[1]!.feed.id)]);
      // Whichever committed its stays second saw the other's; a third look changes nothing.
      await sync(feeds[0]!.feed.id);
      const conflicts = await conflictsOf(listing.id);
      expect(conflicts, `round ${round}`).toHaveLength(1);
      await Promise.all([secondLook(feeds), confirmBookingConflicts(testDb.ctx, { now: minutesLater(11) })]);
      await confirmBookingConflicts(testDb.ctx, { now: minutesLater(11) });
      expect(await mailsOf(conflicts[0]!.id)).toHaveLength(2);
    }
  });

  it("says when a stay arrived with the first successful sync after hours of failures", async () => {
    const { listing, feeds } = await listingWithFeeds([
      { provider: "Airbnb", body: calendarOf(AIRBNB, [reserved("a@airbnb.com", "2026-12-12", "2026-12-15")]) },
      {
        provider: "Vrbo",
        body: calendarOf(VRBO, [
          { uid: "old@homeaway.com", from: "2027-01-10", to: "2027-01-12", summary: "Reserved" },
        ]),
      },
    ]);
    await sync(feeds[0]!.feed.id);
    await sync(feeds[1]!.feed.id);
    // Vrbo's export then failed for 30 hours, while a guest booked the same nights there.
    await db()
      .update(calendarFeeds)
      .set({ consecutiveFailures: 12, lastSuccessAt: new Date(NOW.getTime() - 30 * 3_600_000) })
      .where(eq(calendarFeeds.id, feeds[1]!.feed.id));
    server.set(
      feeds[1]!.path,
      calendarOf(VRBO, [{ uid: "new@homeaway.com", from: "2026-12-13", to: "2026-12-15", summary: "Reserved" }]),
    );
    await sync(feeds[1]!.feed.id);
    const [conflict] = await conflictsOf(listing.id);
    expect(conflict).toMatchObject({ certainty: "certain", arrivedAfterHours: 30 });
    await secondLook(feeds);
    await fanOutEvents(systemContext(db()));
    const [mail] = await db()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.dedupeKey, `booking-conflict:${conflict!.id}:support`));
    expect(mail!.textBody).toContain("après 30 h sans synchronisation");
  });

  it("tells nobody before both feeds were synced again and CONFLICT_CONFIRM_MINUTES passed, whichever comes later", async () => {
    const { listing, feeds } = await doubleBooked("look");
    const [conflict] = await conflictsOf(listing.id);
    // Minutes passed, but neither feed was read again: no second look yet.
    expect(await confirmBookingConflicts(testDb.ctx, { now: minutesLater(30) })).toBe(0);
    await syncFeed(testDb.ctx, { feedId: feeds[0]!.feed.id, fetcher, now: () => minutesLater(1) });
    expect(await confirmBookingConflicts(testDb.ctx, { now: minutesLater(30) })).toBe(0);
    // Both feeds read again, but too soon.
    await syncFeed(testDb.ctx, { feedId: feeds[1]!.feed.id, fetcher, now: () => minutesLater(2) });
    expect(await confirmBookingConflicts(testDb.ctx, { now: minutesLater(9) })).toBe(0);
    expect(await mailsOf(conflict!.id)).toEqual([]);
    expect(await confirmBookingConflicts(testDb.ctx, { now: minutesLater(10) })).toBe(1);
    expect((await mailsOf(conflict!.id)).map((mail) => mail.dedupeKey.split(":")[2]).sort()).toEqual([
      "host",
      "support",
    ]);
    expect((await conflictsOf(listing.id))[0]!.confirmedAt).toEqual(minutesLater(10));
  });

  it("sends nothing for a conflict that closes before its second look", async () => {
    const { listing, feeds } = await doubleBooked("brief");
    const [conflict] = await conflictsOf(listing.id);
    // Vrbo's next export shows the stay moved: the overlap is gone before anyone was told.
    server.set(
      feeds[1]!.path,
      calendarOf(VRBO, [{ uid: "brief@homeaway.com", from: "2026-12-20", to: "2026-12-22", summary: "Reserved" }]),
    );
    expect(await secondLook(feeds)).toBe(0);
    await fanOutEvents(testDb.ctx);
    expect((await conflictsOf(listing.id))[0]).toMatchObject({ status: "resolved", confirmedAt: null });
    expect(await mailsOf(conflict!.id)).toEqual([]);
  });

  it("answers a told conflict that closes with one « [Résolu] » to each recipient, in its thread", async () => {
    const { host, listing, feeds } = await doubleBooked("told");
    expect(await secondLook(feeds)).toBe(1);
    const [conflict] = await conflictsOf(listing.id);
    server.set(
      feeds[1]!.path,
      calendarOf(VRBO, [{ uid: "other@homeaway.com", from: "2027-01-20", to: "2027-01-22", summary: "Reserved" }]),
    );
    await syncFeed(testDb.ctx, { feedId: feeds[1]!.feed.id, fetcher, now: () => minutesLater(20) });
    await fanOutEvents(testDb.ctx);
    await fanOutEvents(testDb.ctx);
    const mails = await mailsOf(conflict!.id);
    const opened = (who: string) => mails.find((mail) => mail.dedupeKey.endsWith(`:${who}`))!;
    const resolved = (who: string) => mails.find((mail) => mail.dedupeKey.endsWith(`:${who}-resolved`))!;
    expect(mails).toHaveLength(4);
    for (const who of ["support", "host"]) {
      expect(resolved(who).recipient).toBe(opened(who).recipient);
      expect(resolved(who).inReplyTo).toBe(opened(who).messageId);
      expect(resolved(who).subject).toBe(`[Résolu] ${opened(who).subject}`);
    }
    expect(resolved("host").recipient).toBe(host.email);
    expect(resolved("host").textBody).toMatch(/ne se chevauchent plus/);
  });

  it("tells a conflict behind more than a batch of far probable conflicts that tell nobody", async () => {
    const { listing, feeds } = await listingWithFeeds([
      { provider: "Airbnb", body: calendarOf(AIRBNB, [reserved("behind@airbnb.com", "2026-12-18", "2026-12-21")]) },
      {
        provider: "Vrbo",
        body: calendarOf(VRBO, [
          { uid: "behind@homeaway.com", from: "2026-12-19", to: "2026-12-22", summary: "Reserved" },
        ]),
      },
    ]);
    await sync(feeds[0]!.feed.id);
    await sync(feeds[1]!.feed.id);
    const [conflict] = await conflictsOf(listing.id);
    // 150 probable conflicts a year away, opened just before it: none told.
    const far = (i: number) => new Date(Date.UTC(2027, 11, 1) + i * 86_400_000);
    await db()
      .insert(bookingConflicts)
      .values(
        Array.from({ length: 150 }, (_, i) => ({
          listingId: listing.id,
          certainty: "probable" as const,
          feedAId: `far-a-${i}`,
          uidA: `a${i}`,
          providerA: "Airbnb",
          kindA: "reservation" as const,
          startsAtA: far(i),
          endsAtA: far(i + 2),
          feedBId: `far-b-${i}`,
          uidB: `b${i}`,
          providerB: "Booking.com",
          kindB: "unknown" as const,
          startsAtB: far(i + 1),
          endsAtB: far(i + 3),
          firstNight: far(i + 1)
            .toISOString()
            .slice(0, 10),
          lastNight: far(i + 1)
            .toISOString()
            .slice(0, 10),
          nights: 1,
          detectedAt: new Date(conflict!.detectedAt.getTime() - 1_000),
        })),
      );
    expect(await secondLook(feeds)).toBe(1);
    expect(await mailsOf(conflict!.id)).toHaveLength(2);
    await db().delete(bookingConflicts).where(like(bookingConflicts.feedAId, "far-a-%"));
  });

  it("e-mails nobody for a probable conflict further away than CONFLICT_NOTIFY_DAYS, and still opens it", async () => {
    const { listing, feeds } = await listingWithFeeds([
      { provider: "Airbnb", body: calendarOf(AIRBNB, [reserved("far@airbnb.com", "2027-03-12", "2027-03-15")]) },
      {
        provider: "Booking.com",
        body: calendarOf(BOOKING, [
          { uid: "far@booking.com", from: "2027-03-13", to: "2027-03-16", summary: "CLOSED - Not available" },
        ]),
      },
    ]);
    await sync(feeds[0]!.feed.id);
    await sync(feeds[1]!.feed.id);
    const [conflict] = await conflictsOf(listing.id);
    expect(conflict).toMatchObject({ certainty: "probable", status: "open" });
    expect(await secondLook(feeds)).toBe(0);
    await fanOutEvents(systemContext(db()));
    expect(
      await db()
        .select()
        .from(emailOutbox)
        .where(like(emailOutbox.dedupeKey, `booking-conflict:${conflict!.id}:%`)),
    ).toEqual([]);
  });
});

describe("the booking conflicts API", () => {
  async function openConflict() {
    const { host, listing, feeds } = await listingWithFeeds([
      { provider: "Airbnb", body: calendarOf(AIRBNB, [reserved(`api-${seq}@airbnb.com`, "2026-12-20", "2026-12-23")]) },
      {
        provider: "Vrbo",
        body: calendarOf(VRBO, [
          { uid: `api-${seq}@homeaway.com`, from: "2026-12-21", to: "2026-12-24", summary: "Reserved - Dupont" },
        ]),
      },
    ]);
    await sync(feeds[0]!.feed.id);
    await sync(feeds[1]!.feed.id);
    const [conflict] = await conflictsOf(listing.id);
    return { host, listing, conflict: conflict! };
  }

  it("lists open conflicts for support, filtered by listing and certainty, without guest data", async () => {
    const { listing, conflict } = await openConflict();
    const cookie = await sessionCookieFor(await makeSupportUser(db()));
    const { status, body } = await readJson(
      await listRoute(
        apiRequest(`/api/admin/booking-conflicts?listingId=${listing.id}&certainty=certain`, { cookie }),
        routeContext({}),
      ),
    );
    expect(status).toBe(200);
    expect(body.data).toEqual([
      expect.objectContaining({
        id: conflict.id,
        listingId: listing.id,
        certainty: "certain",
        firstNight: "2026-12-21",
        lastNight: "2026-12-22",
        nights: 2,
        status: "open",
        stays: [expect.objectContaining({ kind: "reservation" }), expect.objectContaining({ kind: "reservation" })],
      }),
    ]);
    expect(JSON.stringify(body)).not.toMatch(/Dupont|Reservation URL|airbnb\.com\/hosting|t=secret/);
    const probable = await readJson(
      await listRoute(
        apiRequest(`/api/admin/booking-conflicts?listingId=${listing.id}&certainty=probable`, { cookie }),
        routeContext({}),
      ),
    );
    expect(probable.body.data).toEqual([]);
  });

  it("pages through the history with a cursor, and refuses a bad filter with a 400", async () => {
    await openConflict();
    await openConflict();
    const cookie = await sessionCookieFor(await makeSupportUser(db()));
    const first = await readJson(
      await listRoute(apiRequest("/api/admin/booking-conflicts?status=all&limit=1", { cookie }), routeContext({})),
    );
    expect(first.body.data).toHaveLength(1);
    const second = await readJson(
      await listRoute(
        apiRequest(`/api/admin/booking-conflicts?status=all&limit=1&cursor=${first.body.meta.nextCursor}`, { cookie }),
        routeContext({}),
      ),
    );
    expect(second.body.data[0].id).not.toBe(first.body.data[0].id);
    // « 2027-02-30 »: JavaScript reads it as 2 March, PostgreSQL refuses it (a 500 the no-5xx property found).
    for (const query of [
      "status=maybe",
      "certainty=sure",
      "from=12/12/2026",
      "from=2027-02-30",
      "to=2026-13-01",
      "cursor=xyz",
      "limit=0",
    ]) {
      const { status, body } = await readJson(
        await listRoute(apiRequest(`/api/admin/booking-conflicts?${query}`, { cookie }), routeContext({})),
      );
      expect(status, query).toBe(400);
      expect(body.error.code).toBe("VALIDATION_FAILED");
    }
  });

  it("shows one conflict with its listing's feeds masked, then dismisses it with a reason (200, then 409), audited", async () => {
    const { conflict } = await openConflict();
    const agent = await makeSupportUser(db());
    const cookie = await sessionCookieFor(agent);
    const detail = await readJson(
      await detailRoute(
        apiRequest(`/api/admin/booking-conflicts/${conflict.id}`, { cookie }),
        routeContext({ id: conflict.id }),
      ),
    );
    expect(detail.status).toBe(200);
    expect(detail.body.data.feeds).toHaveLength(2);
    expect(JSON.stringify(detail.body)).not.toContain("t=secret");
    const noReason = await readJson(
      await dismissRoute(
        apiRequest(`/api/admin/booking-conflicts/${conflict.id}/dismiss`, {
          method: "PATCH",
          cookie,
          body: JSON.stringify({ reason: "  " }),
        }),
        routeContext({ id: conflict.id }),
      ),
    );
    expect(noReason.status).toBe(400);
    const dismissed = await readJson(
      await dismissRoute(
        apiRequest(`/api/admin/booking-conflicts/${conflict.id}/dismiss`, {
          method: "PATCH",
          cookie,
          body: JSON.stringify({ reason: "Même séjour, deux fois." }),
        }),
        routeContext({ id: conflict.id }),
      ),
    );
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.data).toMatchObject({
      status: "dismissed",
      resolution: "Même séjour, deux fois.",
      dismissedBy: { id: agent.id },
    });
    expect(dismissed.body.data.timeline.map((event: { action: string }) => event.action)).toContain(
      "booking_conflict.dismissed",
    );
    const again = await readJson(
      await dismissRoute(
        apiRequest(`/api/admin/booking-conflicts/${conflict.id}/dismiss`, {
          method: "PATCH",
          cookie,
          body: JSON.stringify({ reason: "encore" }),
        }),
        routeContext({ id: conflict.id }),
      ),
    );
    expect(again.status).toBe(409);
    const missing = await readJson(
      await detailRoute(apiRequest("/api/admin/booking-conflicts/nope", { cookie }), routeContext({ id: "nope" })),
    );
    expect(missing.status).toBe(404);
  });

  it("refuses anonymous callers (401) and hosts (403) on every route", async () => {
    const { host, conflict } = await openConflict();
    const hostCookie = await sessionCookieFor(host);
    for (const cookie of ["", hostCookie]) {
      const expected = cookie ? 403 : 401;
      expect((await listRoute(apiRequest("/api/admin/booking-conflicts", { cookie }), routeContext({}))).status).toBe(
        expected,
      );
      expect(
        (
          await detailRoute(
            apiRequest(`/api/admin/booking-conflicts/${conflict.id}`, { cookie }),
            routeContext({ id: conflict.id }),
          )
        ).status,
      ).toBe(expected);
      expect(
        (
          await dismissRoute(
            apiRequest(`/api/admin/booking-conflicts/${conflict.id}/dismiss`, {
              method: "PATCH",
              cookie,
              body: JSON.stringify({ reason: "x" }),
            }),
            routeContext({ id: conflict.id }),
          )
        ).status,
      ).toBe(expected);
    }
    expect((await conflictsOf(conflict.listingId))[0]!.status).toBe("open");
  });
});
