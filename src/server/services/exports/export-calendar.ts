import { createHash } from "node:crypto";
import ical from "ical-generator";
import { EXPORT_DESTINATIONS } from "../../shared/export-destinations";
import type { ExportCalendar } from "./read-export-calendar";

const RESERVED = "Réservé";
const UNAVAILABLE = "Indisponible";
const UID_DOMAIN = "calendar-sync-alerts";

/**
 * The ETag of an export: its stays and what they are called, nothing else. The same stays give the same tag on
 * every server, so a 304 needs no body.
 */
export function exportEtag(calendar: ExportCalendar): string {
  const digest = createHash("sha256")
    .update(`${calendar.linkId}\n${JSON.stringify(calendar.stays)}`)
    .digest("base64url");
  return `"${digest.slice(0, 27)}"`;
}

/** True when an If-None-Match header names this tag (a list, a weak tag or `*`). */
export function etagMatches(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === etag || tag === "*");
}

/**
 * The iCalendar a destination reads: one all-day VEVENT per stay, the first night as DTSTART and the morning after the
 * last as DTEND, a UID stable across reads, and only « Réservé » or « Indisponible »: no guest name, e-mail or note,
 * whatever the source held. DTSTAMP is the stay's first day, so that the same stays give the same bytes.
 */
export function renderExportCalendar(calendar: ExportCalendar, listingTitle = "Annonce"): string {
  const destination = EXPORT_DESTINATIONS[calendar.destination];
  const document = ical({
    prodId: { company: "calendar-sync-alerts", product: "export", language: "FR" },
    name: `${listingTitle} · ${destination.label}`,
  });
  for (const stay of calendar.stays) {
    document.createEvent({
      id: `${createHash("sha256").update(stay.source).digest("hex").slice(0, 32)}@${UID_DOMAIN}`,
      start: stay.start,
      end: stay.end,
      allDay: true,
      stamp: new Date(`${stay.start}T00:00:00Z`),
      summary: stay.reserved ? RESERVED : UNAVAILABLE,
    });
  }
  return document.toString();
}
