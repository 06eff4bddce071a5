import ICAL from "ical.js";
import {
  MAX_OCCURRENCES_PER_EVENT,
  planExpansion,
  tooComplex,
  type ExpansionPlan,
  type ParseBudget,
} from "./expand-recurrence";
import type { ParsedCalendar } from "./parse-ical";
import { toInstant } from "./zoned-time";
import { stayKindOf, type StayKind, type StayKindContext } from "../stays/stay-kind";

const DAY_MS = 86_400_000;

export interface ReadWindow {
  /** Occurrences ending before this are left out. */
  expandFrom: Date;
  /** Occurrences starting after this are not expanded. */
  horizonEnd: Date;
}

/** One busy event read, its expansion planned, not yet expanded. */
export interface PreparedEvent {
  event: ICAL.Event;
  uid: string;
  summary: string | null;
  kind: StayKind;
  /** Null for an event that does not recur. */
  plan: ExpansionPlan | null;
}

/** Length of an event: DTEND − DTSTART, else its DURATION, else one day (computed on instants, so TZIDs hold). */
function durationMs(component: ICAL.Component, zones: Map<string, ICAL.Timezone>): number {
  const start = component.getFirstPropertyValue("dtstart") as ICAL.Time | null;
  if (!start) throw new Error("DTSTART manquant");
  const end = component.getFirstPropertyValue("dtend") as ICAL.Time | null;
  const duration = component.getFirstPropertyValue("duration") as ICAL.Duration | null;
  const ms = end
    ? toInstant(end, zones).getTime() - toInstant(start, zones).getTime()
    : duration
      ? duration.toSeconds() * 1000
      : DAY_MS;
  if (Number.isNaN(ms)) throw new Error("date illisible");
  return ms > 0 ? ms : DAY_MS;
}

/** Reads an event; null when it blocks nothing (cancelled, transparent, or a rule COUNT ended before the window). */
export function prepareEvent(
  component: ICAL.Component,
  exceptions: ICAL.Component[],
  key: string,
  zones: Map<string, ICAL.Timezone>,
  window: ReadWindow,
  maker: StayKindContext,
): PreparedEvent | null {
  const status = String(component.getFirstPropertyValue("status") ?? "").toUpperCase();
  const transparency = String(component.getFirstPropertyValue("transp") ?? "").toUpperCase();
  if (status === "CANCELLED" || transparency === "TRANSPARENT") return null;
  const event = new ICAL.Event(component, { exceptions, strictExceptions: false });
  if (!event.startDate) throw new Error("DTSTART manquant");
  const summary = event.summary ? String(event.summary).slice(0, 200) : null;
  const description = component.getFirstPropertyValue("description");
  const kind = stayKindOf(maker, { summary, description: typeof description === "string" ? description : null });
  const prepared = { event, uid: event.uid || key, summary, kind };
  if (!event.isRecurring()) return { ...prepared, plan: null };
  const plan = planExpansion(
    event,
    new Date(window.expandFrom.getTime() - durationMs(component, zones)),
    window.horizonEnd,
    zones,
  );
  return plan === "none" ? null : { ...prepared, plan };
}

/** The event's blocks in the window. Every occurrence visited costs the feed's budget, skipped ones included. */
export function expandEvent(
  prepared: PreparedEvent,
  zones: Map<string, ICAL.Timezone>,
  window: ReadWindow,
  result: ParsedCalendar,
  budget: ParseBudget,
  skip: (reason: string) => void,
): void {
  const { event, uid, summary, kind } = prepared;
  const push = (start: ICAL.Time, source: ICAL.Component, occurrenceUid: string) => {
    const startsAt = toInstant(start, zones);
    if (Number.isNaN(startsAt.getTime())) throw new Error("date illisible");
    const endsAt = new Date(startsAt.getTime() + durationMs(source, zones));
    result.blocks.push({ uid: occurrenceUid, startsAt, endsAt, allDay: start.isDate, summary, kind });
  };

  if (!prepared.plan) {
    push(event.startDate, event.component, uid);
    return;
  }
  const iterator = event.iterator(prepared.plan.start);
  for (let count = 0; ; count++) {
    if (count === MAX_OCCURRENCES_PER_EVENT) {
      skip(`événement ${uid} : plus de ${MAX_OCCURRENCES_PER_EVENT} répétitions, la suite est ignorée`);
      break;
    }
    if (--budget.occurrencesLeft < 0) throw tooComplex();
    const next = iterator.next();
    if (!next) break;
    const details = event.getOccurrenceDetails(next);
    const startsAt = toInstant(details.startDate, zones);
    if (startsAt > window.horizonEnd) break;
    const occurrence = details.item;
    const occurrenceStatus = String(occurrence.component.getFirstPropertyValue("status") ?? "").toUpperCase();
    if (occurrenceStatus === "CANCELLED") continue;
    if (startsAt.getTime() + durationMs(occurrence.component, zones) < window.expandFrom.getTime()) continue;
    push(details.startDate, occurrence.component, `${uid}#${details.recurrenceId.toString()}`);
  }
}
