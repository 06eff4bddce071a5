import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import ICAL from "ical.js";
import nodeIcal, { type VEvent } from "node-ical";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeFeed, makeHostUser, makeListing, makeSupportUser, makeUser, SUPPORT_VIEWER } from "../helpers/factories";
import { makeTestFetcher } from "../helpers/fetcher";
import { AIRBNB, BOOKING, calendarOf, startIcsServer, type IcsServer } from "../helpers/ics-server";
import { apiRequest, readJson, routeContext, sessionCookieFor } from "../helpers/requests";
import { countStatements } from "../helpers/count-statements";
import {
  auditLogs,
  calendarSyncAlerts,
  emailOutbox,
  exportLinks,
  exportReads,
  listings,
  notificationEvents,
  providerIncidents,
} from "@/server/db/schema";
import { systemContext } from "@/server/service-context";
import { syncFeed } from "@/server/services/calendar/calendar.service";
import { parseIcal } from "@/server/services/calendar/ical/parse-ical";
import { upsertReservation } from "@/server/services/platform/platform.service";
import { createApiKey } from "@/server/services/api-keys/api-keys.service";
import { fanOutEvents } from "@/server/services/notifications/notifications.service";
import { applyRetention } from "@/server/services/retention/retention.service";
import { getAlertDetail, listAlerts } from "@/server/services/read-models/read-models.service";
import {
  checkExportLinks,
  exportLinksOfListings,
  listExportLinks,
  rotateExportLink,
  serveExport,
  type ExportLinkDTO,
} from "@/server/services/exports/exports.service";
import { GET as linksRoute } from "@/app/api/listings/[id]/export-links/route";
import { POST as rotateRoute } from "@/app/api/listings/[id]/export-links/[linkId]/rotate/route";
import { GET as v1LinksRoute } from "@/app/api/v1/listings/[externalId]/export-links/route";
import { GET as icalRoute } from "@/app/ical/[file]/route";

const HOUR = 3_600_000;
const fetcher = makeTestFetcher({ allowHosts: ["127.0.0.1"] });
let testDb: TestDatabase;
let ics: IcsServer;
let sequence = 0;

beforeAll(async () => {
  testDb = await createTestDatabase();
  ics = await startIcsServer("127.0.0.1");
});
afterAll(async () => {
  await fetcher.close();
  await ics.close();
  await testDb.close();
});
const db = () => testDb.db;
const system = () => systemContext(db());
const cli = () => systemContext(db(), "cli");

/** A day `offset` days from today, in Paris (YYYY-MM-DD): stays far from today's edges, whatever the hour. */
const day = (offset: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date(Date.now() + offset * 86_400_000));

const tokenOf = (link: ExportLinkDTO) => link.url.split("/ical/")[1]!.replace(/\.ics$/, "");

/** A host's listing with an Airbnb feed, a Booking.com feed and a platform reservation, each holding a guest's name. */
async function listingWithStays(hostId?: string) {
  const n = ++sequence;
  const host = hostId ? { id: hostId } : await makeHostUser(db());
  const listing = await makeListing(db(), { ownerId: host.id, externalId: `export-${n}` });
  const airbnb = await makeFeed(db(), listing.id, {
    url: `${ics.baseUrl}/airbnb-${n}.ics`,
    provider: "Airbnb",
    providerKey: "Airbnb",
  });
  const booking = await makeFeed(db(), listing.id, {
    url: `${ics.baseUrl}/booking-${n}.ics`,
    provider: "Booking.com",
    providerKey: "Booking.com",
  });
  ics.set(
    `/airbnb-${n}.ics`,
    calendarOf(AIRBNB, [
      { uid: `a-${n}`, from: day(10), to: day(13), summary: "Reserved", description: "Jean Dupont jean@example.com" },
    ]),
  );
  ics.set(
    `/booking-${n}.ics`,
    calendarOf(BOOKING, [{ uid: `b-${n}`, from: day(20), to: day(22), summary: "CLOSED - Jeanne Martin" }]),
  );
  for (const feed of [airbnb, booking]) {
    const result = await syncFeed(system(), { feedId: feed.id, fetcher });
    expect(result.outcome).toBe("success");
  }
  await upsertReservation(systemContext(db(), "cli"), {
    listingExternalId: `export-${n}`,
    reservationId: `r-${n}`,
    body: { checkIn: day(30), checkOut: day(34), status: "confirmed", guestName: "Marie Curie" },
  });
  const links = await listExportLinks(cli(), { listingId: listing.id });
  const linkOf = (destination: string) => links.find((link) => link.destination === destination)!;
  return { host, listing, links, linkOf };
}

const read = (link: ExportLinkDTO, options: { now?: Date; userAgent?: string; ifNoneMatch?: string } = {}) =>
  serveExport(system(), {
    token: tokenOf(link),
    ifNoneMatch: options.ifNoneMatch ?? null,
    userAgent: options.userAgent ?? "Airbnb/1.0 (calendar importer)",
    address: "127.0.0.9",
    now: options.now,
  });

/** The nights of a calendar as three parsers read them: [first day, day after the last] per event, sorted. */
function nightsByIcalJs(text: string): string[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar
    .getAllSubcomponents("vevent")
    .map((event) => {
      const start = event.getFirstPropertyValue("dtstart") as ICAL.Time;
      const end = event.getFirstPropertyValue("dtend") as ICAL.Time;
      expect(start.isDate).toBe(true);
      return `${start.toString()}/${end.toString()}`;
    })
    .sort();
}
const localDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
function nightsByNodeIcal(text: string): string[] {
  return Object.values(nodeIcal.sync.parseICS(text))
    .filter((item) => item?.type === "VEVENT")
    .map((item) => {
      const event = item as VEvent;
      expect(event.datetype).toBe("date");
      return `${localDay(event.start)}/${localDay(event.end!)}`;
    })
    .sort();
}
const parisDay = (date: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(date);
function nightsByOurParser(text: string): string[] {
  return parseIcal(text, { horizonMonths: 18 })
    .blocks.map((block) => {
      expect(block.allDay).toBe(true);
      return `${parisDay(block.startsAt)}/${parisDay(block.endsAt)}`;
    })
    .sort();
}

describe("what an export contains", () => {
  it("each destination gets the other feeds' stays and the platform's reservations, never its own echo, and no personal data", async () => {
    const { linkOf } = await listingWithStays();
    const airbnbStay = `${day(10)}/${day(13)}`;
    const bookingStay = `${day(20)}/${day(22)}`;
    const platformStay = `${day(30)}/${day(34)}`;
    const expected: Record<string, string[]> = {
      airbnb: [bookingStay, platformStay],
      booking: [airbnbStay, platformStay],
      vrbo: [airbnbStay, bookingStay, platformStay],
      other: [airbnbStay, bookingStay, platformStay],
    };
    for (const [destination, nights] of Object.entries(expected)) {
      const answer = await read(linkOf(destination));
      expect(answer.status).toBe(200);
      if (answer.status !== 200) continue;
      const body = answer.body;
      // The same nights through ical.js, node-ical and our own parser.
      expect(nightsByIcalJs(body), destination).toEqual([...nights].sort());
      expect(nightsByNodeIcal(body), destination).toEqual([...nights].sort());
      expect(nightsByOurParser(body), destination).toEqual([...nights].sort());
      for (const secret of ["Jean", "Dupont", "jean@example.com", "Jeanne", "Martin", "Marie", "Curie"])
        expect(body, `${destination}: ${secret}`).not.toContain(secret);
      const summaries = [...body.matchAll(/^SUMMARY:(.*)$/gm)].map((match) => match[1]!.trim());
      expect(new Set(summaries).size).toBeGreaterThan(0);
      for (const summary of summaries) expect(["Réservé", "Indisponible"]).toContain(summary);
      expect(body).toContain("DTSTART;VALUE=DATE:");
      expect(body).not.toMatch(/DESCRIPTION|ATTENDEE|ORGANIZER/);
    }
    // Stable UIDs: the same stays give the same bytes.
    const first = await read(linkOf("other"));
    const second = await read(linkOf("other"));
    expect(first.status === 200 && second.status === 200 && first.body === second.body).toBe(true);
  });

  it("answers over HTTP with text/calendar, an ETag, Cache-Control, and 304 for an unchanged ETag", async () => {
    const { linkOf } = await listingWithStays();
    const path = `/ical/${tokenOf(linkOf("airbnb"))}.ics`;
    const call = (headers: Record<string, string> = {}) =>
      icalRoute(apiRequest(path, { headers: { "user-agent": "Airbnb", ...headers } }), {
        params: Promise.resolve({ file: path.slice("/ical/".length) }),
      });
    const full = await call();
    expect(full.status).toBe(200);
    expect(full.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(full.headers.get("cache-control")).toBe("private, max-age=300");
    const etag = full.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(await full.text()).toContain("BEGIN:VCALENDAR");
    const again = await call({ "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");
    expect((await call({ "if-none-match": `W/${etag}, "other"` })).status).toBe(304);
    expect((await call({ "if-none-match": '"stale"' })).status).toBe(200);
  });
});

describe("unknown, rotated and withdrawn links", () => {
  it("404 for an unknown token, for a rotated one past its grace and for a withdrawn listing; 200 within the grace", async () => {
    const { listing, linkOf } = await listingWithStays();
    const old = linkOf("airbnb");
    const now = new Date();
    const rotated = await rotateExportLink(cli(), { listingId: listing.id, linkId: old.id, now });
    expect(tokenOf(rotated)).not.toBe(tokenOf(old));
    expect(rotated.previousLinkValidUntil).toBe(new Date(now.getTime() + 7 * 86_400_000).toISOString());
    expect((await read(rotated, { now })).status).toBe(200);
    // The old link keeps answering for 7 days, and its reads count for the link.
    expect((await read(old, { now: new Date(now.getTime() + 6 * 86_400_000) })).status).toBe(200);
    const [oldRead] = await db().select().from(exportReads).where(eq(exportReads.previousToken, true));
    expect(oldRead).toMatchObject({ linkId: old.id });
    expect((await read(old, { now: new Date(now.getTime() + 7 * 86_400_000 + 1_000) })).status).toBe(404);
    const unknown = await serveExport(system(), {
      token: "A".repeat(43),
      ifNoneMatch: null,
      userAgent: null,
      address: "127.0.0.10",
    });
    expect(unknown.status).toBe(404);
    // Malformed tokens never reach the database.
    const { result, statements } = await countStatements(db(), () =>
      serveExport(system(), { token: "../../etc/passwd", ifNoneMatch: null, userAgent: null, address: "127.0.0.10" }),
    );
    expect(result.status).toBe(404);
    expect(statements).toBe(0);
    await db().update(listings).set({ archivedAt: now }).where(eq(listings.id, listing.id));
    expect((await read(rotated, { now })).status).toBe(404);
    const [audit] = await db()
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, "export_link.rotated"), eq(auditLogs.entityId, listing.id)));
    expect(audit?.data).toMatchObject({ linkId: old.id, destination: "airbnb" });
  });

  it("429 once an address asked for 120 unknown tokens in a minute, answered without the database", async () => {
    const now = new Date("2031-01-01T10:00:00Z");
    const ask = (address: string, at = now) =>
      serveExport(system(), { token: "B".repeat(43), ifNoneMatch: null, userAgent: null, address, now: at });
    for (let i = 0; i < 120; i++) expect((await ask("127.0.0.11")).status).toBe(404);
    const { result, statements } = await countStatements(db(), () => ask("127.0.0.11"));
    expect(result.status).toBe(429);
    expect(statements).toBe(0);
    expect((await ask("127.0.0.12")).status).toBe(404);
    expect((await ask("127.0.0.11", new Date(now.getTime() + 60_000))).status).toBe(404);
  });
});

describe("recording reads", () => {
  it("records a read at most once a minute per link, with the reader, the answer and the address's network", async () => {
    const { linkOf } = await listingWithStays();
    const link = linkOf("airbnb");
    const t0 = new Date(Date.now() + HOUR);
    await Promise.all(Array.from({ length: 8 }, () => read(link, { now: t0 })));
    await read(link, { now: new Date(t0.getTime() + 30_000) });
    const etagAnswer = await read(link, { now: new Date(t0.getTime() + 59_000) });
    const etag = etagAnswer.status === 200 ? etagAnswer.etag : "";
    await read(link, { now: new Date(t0.getTime() + 61_000), ifNoneMatch: etag, userAgent: "Mozilla/5.0 iPhone" });
    const reads = await db().select().from(exportReads).where(eq(exportReads.linkId, link.id)).orderBy(exportReads.at);
    expect(reads.map((row) => [row.at.getTime() - t0.getTime(), row.status, row.reader])).toEqual([
      [0, 200, "airbnb"],
      [61_000, 304, "unknown"],
    ]);
    expect(reads[0]).toMatchObject({ clientNetwork: "127.0.0.0/24", userAgent: "Airbnb/1.0 (calendar importer)" });
    const [row] = await db().select().from(exportLinks).where(eq(exportLinks.id, link.id));
    expect(row).toMatchObject({ lastReader: "unknown", lastReadStatus: 304 });
    expect(row!.lastReadAt!.getTime()).toBe(t0.getTime() + 61_000);
    const [shown] = (await listExportLinks(cli(), { listingId: link.listingId })).filter((l) => l.id === link.id);
    expect(shown).toMatchObject({ state: "read", lastReaderLabel: "un lecteur inconnu" });
  });

  it("retention deletes reads older than 30 days and keeps the link's last read", async () => {
    const { linkOf } = await listingWithStays();
    const link = linkOf("booking");
    const now = new Date();
    await read(link, { now: new Date(now.getTime() - 31 * 86_400_000) });
    await read(link, { now: new Date(now.getTime() - 29 * 86_400_000) });
    const result = await applyRetention(system(), {
      settings: { alertDays: 365, syncRunDays: 30, outboxDays: 30, batchSize: 100 },
      now,
    });
    expect(result.exportReads).toBeGreaterThanOrEqual(1);
    const reads = await db().select().from(exportReads).where(eq(exportReads.linkId, link.id));
    expect(reads).toHaveLength(1);
    const [row] = await db().select().from(exportLinks).where(eq(exportLinks.id, link.id));
    expect(row!.lastReadAt).not.toBeNull();
  });
});

const alertOf = async (listingId: string) =>
  (await db().select().from(calendarSyncAlerts).where(eq(calendarSyncAlerts.listingId, listingId))).filter(
    (alert) => alert.status !== "resolved",
  );

describe("« Airbnb ne lit plus votre calendrier »", () => {
  it("raises EXPORT_NOT_READ after 12 h unread, tells the host once, escalates at 24 h, and resolves at the next read", async () => {
    const { host, listing, linkOf } = await listingWithStays();
    const link = linkOf("airbnb");
    const t0 = new Date(Date.now() + 2 * HOUR);
    await read(link, { now: t0 });
    const at = (hours: number) => new Date(t0.getTime() + hours * HOUR);
    await checkExportLinks(system(), { now: at(11.9) });
    expect(await alertOf(listing.id)).toEqual([]);
    const stale = await checkExportLinks(system(), { now: at(12.1) });
    expect(stale.stale).toBeGreaterThanOrEqual(1);
    const [alert] = await alertOf(listing.id);
    expect(alert).toMatchObject({ errorType: "EXPORT_NOT_READ", status: "active", failedAttempts: 1 });
    expect(alert!.errorMessage).toContain("Airbnb");
    // Support's views: the dashboard counts it « côté export », the detail shows the reads and the stale link.
    const openExport = (await db().select().from(calendarSyncAlerts)).filter(
      (row) => row.status !== "resolved" && row.errorType === "EXPORT_NOT_READ",
    ).length;
    const page = await listAlerts(testDb.as(SUPPORT_VIEWER), {});
    expect(page.meta.counts.exportSide).toBe(openExport);
    const detail = await getAlertDetail(testDb.as(SUPPORT_VIEWER), alert!.id);
    expect(detail.exportLinks.find((l) => l.destination === "airbnb")).toMatchObject({ destinationLabel: "Airbnb" });
    expect(detail.exportLinks.find((l) => l.destination === "airbnb")!.staleSince).not.toBeNull();
    expect(detail.exportReads[0]).toMatchObject({ readerLabel: "Airbnb", status: 200, clientNetwork: "127.0.0.0/24" });
    expect(JSON.stringify(detail)).not.toContain(tokenOf(link));
    // The import side is healthy: a sync of its feeds leaves the export alert open.
    await checkExportLinks(system(), { now: at(12.5) });
    expect((await alertOf(listing.id))[0]).toMatchObject({ status: "active", failedAttempts: 1 });

    await fanOutEvents(system());
    const [notice, ...more] = await db()
      .select()
      .from(emailOutbox)
      .where(and(like(emailOutbox.dedupeKey, `host-notice:${alert!.id}:%`)));
    expect(more).toEqual([]);
    const hostRow = await db().query.users.findFirst({ where: (u, { eq: is }) => is(u.id, host.id) });
    expect(notice!.recipient).toBe(hostRow!.email);
    expect(notice!.subject).toContain("Airbnb");
    expect(notice!.textBody).toContain("Calendrier › Disponibilités › Connecter des calendriers");
    expect(notice!.textBody).toContain(link.url);

    await checkExportLinks(system(), { now: at(23.9) });
    expect((await alertOf(listing.id))[0]!.status).toBe("active");
    await checkExportLinks(system(), { now: at(24.1) });
    const [escalated] = await alertOf(listing.id);
    expect(escalated).toMatchObject({ status: "escalated", failedAttempts: 2 });
    expect(escalated!.escalationReason).toContain("Airbnb ne lit plus le calendrier d'export");
    const [event] = await db()
      .select()
      .from(notificationEvents)
      .where(eq(notificationEvents.dedupeKey, `calendar-sync-alert-escalated:${alert!.id}`));
    expect(event!.facts).toMatchObject({ alert: { direction: "export", errorType: "EXPORT_NOT_READ" } });
    // Once: a later look counts nothing more.
    await checkExportLinks(system(), { now: at(30) });
    expect((await alertOf(listing.id))[0]!.failedAttempts).toBe(2);

    await read(link, { now: at(31), userAgent: "Airbnb" });
    expect(await alertOf(listing.id)).toEqual([]);
    const [resolved] = await db()
      .select()
      .from(notificationEvents)
      .where(eq(notificationEvents.dedupeKey, `calendar-sync-alert-resolved:${alert!.id}`));
    expect(resolved!.facts).toMatchObject({ alert: { direction: "export", how: "recovery" } });
  });

  it("a link never read does not alert, and shows « jamais lu » a day after its creation", async () => {
    const { listing, linkOf } = await listingWithStays();
    const link = linkOf("vrbo");
    expect(link.state).toBe("waiting");
    await checkExportLinks(system(), { now: new Date(Date.now() + 48 * HOUR) });
    expect(await alertOf(listing.id)).toEqual([]);
    const later = await listExportLinks(cli(), {
      listingId: listing.id,
      now: new Date(Date.now() + 25 * HOUR),
    });
    expect(later.find((l) => l.id === link.id)!.state).toBe("never-read");
  });
});

describe("a destination that stops reading everyone's links", () => {
  it("opens one export incident for five owners, holds their escalations, and closes when reads come back", async () => {
    const t0 = new Date(Date.now() + 100 * HOUR);
    const owners = await Promise.all(Array.from({ length: 5 }, () => listingWithStays()));
    for (const { linkOf } of owners) await read(linkOf("airbnb"), { now: t0 });
    await checkExportLinks(system(), { now: new Date(t0.getTime() + 12.1 * HOUR) });
    const incidents = await db()
      .select()
      .from(providerIncidents)
      .where(and(eq(providerIncidents.providerKey, "export:airbnb"), eq(providerIncidents.status, "open")));
    expect(incidents).toHaveLength(1);
    // Five owners' links at least: links of earlier tests in this file may go unread in the same window.
    expect(incidents[0]).toMatchObject({ direction: "export" });
    expect(incidents[0]!.feedsFailing).toBeGreaterThanOrEqual(5);
    await fanOutEvents(system());
    const mails = await db()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.dedupeKey, `provider-incident-opened:${incidents[0]!.id}`));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(
      /^\[Incident fournisseur\] Airbnb \(export\) : \d+ liens d'export plus lus depuis /,
    );
    // Held: a day without reads escalates nobody while the incident lasts.
    await checkExportLinks(system(), { now: new Date(t0.getTime() + 25 * HOUR) });
    for (const { listing } of owners) expect((await alertOf(listing.id))[0]!.status).toBe("active");
    // Reads from two owners close it; the escalations then wait for their own links.
    await read(owners[0]!.linkOf("airbnb"), { now: new Date(t0.getTime() + 26 * HOUR) });
    await read(owners[1]!.linkOf("airbnb"), { now: new Date(t0.getTime() + 26 * HOUR) });
    const [closed] = await db().select().from(providerIncidents).where(eq(providerIncidents.id, incidents[0]!.id));
    expect(closed).toMatchObject({ status: "resolved", resolution: "reads" });
    await checkExportLinks(system(), { now: new Date(t0.getTime() + 26.1 * HOUR) });
    expect(await alertOf(owners[0]!.listing.id)).toEqual([]);
    expect((await alertOf(owners[4]!.listing.id))[0]!.status).toBe("escalated");
  });

  it("one host with five listings opens none", async () => {
    const t0 = new Date(Date.now() + 200 * HOUR);
    const host = await makeHostUser(db());
    const ofOneHost = [];
    for (let i = 0; i < 5; i++) ofOneHost.push(await listingWithStays(host.id));
    for (const { linkOf } of ofOneHost) await read(linkOf("booking"), { now: t0 });
    await checkExportLinks(system(), { now: new Date(t0.getTime() + 12.1 * HOUR) });
    expect(
      await db()
        .select()
        .from(providerIncidents)
        .where(and(eq(providerIncidents.providerKey, "export:booking"), eq(providerIncidents.status, "open"))),
    ).toEqual([]);
    for (const { listing } of ofOneHost)
      expect((await alertOf(listing.id))[0]).toMatchObject({ errorType: "EXPORT_NOT_READ" });
  });
});

describe("who sees the links", () => {
  it("« Mes calendriers » gets the viewer's own listings' links only, in a fixed number of statements however many listings", async () => {
    const host = await makeHostUser(db());
    const mine: Array<{ id: string }> = [];
    for (let i = 0; i < 6; i++) mine.push(await makeListing(db(), { ownerId: host.id }));
    const someoneElses = await makeListing(db());
    const viewer = { id: host.id, role: "host" as const, name: host.name, email: host.email };
    const { result, statements } = await countStatements(db(), () =>
      exportLinksOfListings(testDb.as(viewer), { listingIds: [...mine.map((l) => l.id), someoneElses.id, "../x"] }),
    );
    expect([...result.keys()].sort()).toEqual(mine.map((l) => l.id).sort());
    for (const links of result.values())
      expect(links.map((l) => l.destination)).toEqual(["airbnb", "booking", "vrbo", "other"]);
    // Which listings are the viewer's, their links, the missing ones made, read again: four, for six listings.
    expect(statements).toBe(4);
    const again = await countStatements(db(), () =>
      exportLinksOfListings(testDb.as(viewer), { listingIds: mine.map((l) => l.id) }),
    );
    expect(again.statements).toBe(2);
    expect([...again.result.values()].flat().map((l) => l.url)).toEqual([...result.values()].flat().map((l) => l.url));
    await expect(exportLinksOfListings(testDb.as(SUPPORT_VIEWER), { listingIds: [] })).rejects.toThrow("Accès refusé");
  });

  it("the host and admins: 200; another host 404; support 403; anonymous 401; the platform's key by its own id", async () => {
    const { host, listing, linkOf } = await listingWithStays();
    const owner = await sessionCookieFor(
      (await db().query.users.findFirst({ where: (u, { eq: is }) => is(u.id, host.id) }))!,
    );
    const other = await sessionCookieFor(await makeHostUser(db()));
    const support = await sessionCookieFor(await makeSupportUser(db()));
    const admin = await sessionCookieFor(await makeUser(db(), "admin"));
    const list = async (cookie?: string) =>
      readJson(
        await linksRoute(apiRequest("/api/listings/x/export-links", { cookie }), routeContext({ id: listing.id })),
      );
    const mine = await list(owner);
    expect(mine.status).toBe(200);
    expect(mine.body.data.map((l: ExportLinkDTO) => l.destination)).toEqual(["airbnb", "booking", "vrbo", "other"]);
    expect((await list(admin)).status).toBe(200);
    expect((await list(other)).status).toBe(404);
    expect((await list(support)).status).toBe(403);
    expect((await list()).status).toBe(401);

    const rotate = async (cookie?: string, origin = "http://localhost:3000") =>
      readJson(
        await rotateRoute(
          apiRequest("/api/listings/x/export-links/y/rotate", { method: "POST", cookie, origin }),
          routeContext({ id: listing.id, linkId: linkOf("vrbo").id }),
        ),
      );
    expect((await rotate(other)).status).toBe(404);
    expect((await rotate(support)).status).toBe(403);
    expect((await rotate()).status).toBe(401);
    const rotated = await rotate(owner);
    expect(rotated.status).toBe(200);
    expect(rotated.body.data.url).not.toBe(linkOf("vrbo").url);

    const withScope = (
      await createApiKey(systemContext(db(), "cli"), { name: "Plateforme", scopes: ["listings:write"] })
    ).key;
    const readOnly = (await createApiKey(systemContext(db(), "cli"), { name: "Lecture", scopes: ["alerts:read"] })).key;
    const v1 = async (key?: string, externalId = listing.externalId!) =>
      readJson(
        await v1LinksRoute(
          apiRequest("/api/v1/listings/x/export-links", {
            headers: key ? { authorization: `Bearer ${key}` } : {},
          }),
          routeContext({ externalId }),
        ),
      );
    const platform = await v1(withScope);
    expect(platform.status).toBe(200);
    expect(platform.body.data).toHaveLength(4);
    expect((await v1(readOnly)).status).toBe(403);
    expect((await v1()).status).toBe(401);
    expect((await v1(withScope, "unknown-listing")).status).toBe(404);
  });
});
