import ICAL from "ical.js";
import type { StayKind } from "../stays/stay-kind";
import { FeedFetchError } from "../fetch/feed-fetch-error";
import { unfoldLines } from "./unfold-lines";
import { newParseBudget, tooComplex } from "./expand-recurrence";
import { expandEvent, prepareEvent, type PreparedEvent } from "./read-event";

export interface ParsedBlock {
  uid: string;
  startsAt: Date;
  endsAt: Date;
  allDay: boolean;
  summary: string | null;
  /** A reservation, a block, or not told apart: by the platform's conventions (calendar/stays/stay-kind.ts). */
  kind: StayKind;
}

export interface ParsedCalendar {
  blocks: ParsedBlock[];
  /** Events that could not be read and were left out (the rest of the file is kept). */
  skipped: number;
  skippedReasons: string[];
}

export interface ParseOptions {
  now?: Date;
  horizonMonths: number;
  /** Recurrences are expanded from this many days before now. */
  pastDays?: number;
  /** The feed's provider key: which platform's conventions to read stays by when the calendar has no PRODID. */
  providerKey?: string | null;
}

const MAX_BLOCKS = 50_000;
const DAY_MS = 86_400_000;

function invalid(message: string): FeedFetchError {
  return new FeedFetchError("INVALID_ICAL", message);
}

function describeNonCalendar(text: string): string {
  const start = text
    .replace(/^\uFEFF/, "")
    .trimStart()
    .slice(0, 200)
    .toLowerCase();
  if (start.startsWith("<")) return "La réponse est une page HTML, pas un calendrier iCal.";
  if (start.startsWith("{") || start.startsWith("[")) return "La réponse est du JSON, pas un calendrier iCal.";
  if (start === "") return "La réponse est vide : pas de calendrier iCal.";
  return "La réponse ne commence pas par BEGIN:VCALENDAR.";
}

interface Blocks {
  timezones: string[][];
  events: string[][];
  /** The calendar's PRODID: who made it. */
  prodid: string | null;
}

/** Splits the calendar into its top-level components without interpreting them, so one bad event stays local. */
function splitComponents(lines: string[]): Blocks {
  const first = lines[0]?.toUpperCase();
  if (first !== "BEGIN:VCALENDAR") throw invalid("La réponse ne commence pas par BEGIN:VCALENDAR.");
  const result: Blocks = { timezones: [], events: [], prodid: null };
  let current: string[] | null = null;
  let currentName = "";
  let depth = 0;
  let closed = false;
  for (const line of lines.slice(1)) {
    const upper = line.toUpperCase();
    if (depth === 0) {
      if (upper === "END:VCALENDAR") {
        closed = true;
        break;
      }
      if (upper.startsWith("PRODID") && result.prodid === null)
        result.prodid = line.slice(line.indexOf(":") + 1).trim();
      if (upper.startsWith("BEGIN:")) {
        currentName = upper.slice(6);
        current = [line];
        depth = 1;
      }
      continue;
    }
    current!.push(line);
    if (upper.startsWith("BEGIN:")) depth++;
    else if (upper.startsWith("END:")) depth--;
    if (depth === 0) {
      if (currentName === "VEVENT") result.events.push(current!);
      else if (currentName === "VTIMEZONE") result.timezones.push(current!);
      current = null;
    }
  }
  // A calendar cut short (a truncated download) would silently lose bookings: refuse it whole.
  if (!closed) throw invalid("Le calendrier est incomplet : END:VCALENDAR manquant.");
  return result;
}

function wrap(components: string[][]): string {
  return ["BEGIN:VCALENDAR", "VERSION:2.0", ...components.flat(), "END:VCALENDAR", ""].join("\r\n");
}

// A VTIMEZONE is rules from a start year (often 1970 or 1601). ical.js expands them, year by year, up to each time it
// converts and keeps the expansion in the Timezone: built afresh for every feed, that expansion was half of a
// Vrbo-style feed's parse. Feeds of one provider carry the same text, so zones are kept by their whole text (two feeds
// naming the same TZID with different rules each get their own). The cap guards against feeds inventing zones.
const zonesByText = new Map<string, ICAL.Timezone | null>();
const MAX_KEPT_ZONES = 500;

function timezoneOf(block: string[]): ICAL.Timezone | null {
  const text = block.join("\r\n");
  let zone = zonesByText.get(text);
  if (zone === undefined) {
    try {
      const component = new ICAL.Component(ICAL.parse(wrap([block]))).getFirstSubcomponent("vtimezone");
      zone = component ? new ICAL.Timezone(component) : null;
    } catch {
      // A broken VTIMEZONE falls back to the IANA zone of the same name.
      zone = null;
    }
    if (zonesByText.size >= MAX_KEPT_ZONES) zonesByText.clear();
    zonesByText.set(text, zone);
  }
  return zone;
}

function readTimezones(blocks: string[][]): Map<string, ICAL.Timezone> {
  const zones = new Map<string, ICAL.Timezone>();
  for (const block of blocks) {
    const zone = timezoneOf(block);
    if (zone?.tzid) zones.set(zone.tzid, zone);
  }
  return zones;
}

function uidOf(block: string[]): string | null {
  const line = block.find((l) => /^UID[;:]/i.test(l));
  return line ? line.slice(line.indexOf(":") + 1).trim() : null;
}

/**
 * Reads the busy periods of an iCalendar feed. Throws INVALID_ICAL for something that is not a calendar;
 * an unreadable event is skipped and counted. Cancelled and transparent (free) events are ignored;
 * recurring events are expanded up to the horizon.
 */
export function parseIcal(text: string, options: ParseOptions): ParsedCalendar {
  return parseUnfoldedIcal(unfoldLines(text), text, options);
}

/** parseIcal on lines already unfolded (unfoldLines) from `text`: the worker unfolds once, to hash, then to parse. */
export function parseUnfoldedIcal(lines: string[], text: string, options: ParseOptions): ParsedCalendar {
  if (lines[0]?.toUpperCase() !== "BEGIN:VCALENDAR") throw invalid(describeNonCalendar(text));
  const { timezones, events, prodid } = splitComponents(lines);
  const maker = { prodid, providerKey: options.providerKey ?? null };
  const zones = readTimezones(timezones);
  const now = options.now ?? new Date();
  const horizonEnd = new Date(now);
  horizonEnd.setUTCMonth(horizonEnd.getUTCMonth() + options.horizonMonths);
  const expandFrom = new Date(now.getTime() - (options.pastDays ?? 31) * DAY_MS);

  // Events sharing a UID (a recurring master and its RECURRENCE-ID exceptions) are read together.
  const groups = new Map<string, string[][]>();
  events.forEach((block, index) => {
    const key = uidOf(block) ?? `#${index}`;
    const group = groups.get(key);
    if (group) group.push(block);
    else groups.set(key, [block]);
  });

  const result: ParsedCalendar = { blocks: [], skipped: 0, skippedReasons: [] };
  const budget = newParseBudget();
  const skip = (reason: string, count = 1) => {
    result.skipped += count;
    if (result.skippedReasons.length < 5) result.skippedReasons.push(reason);
  };

  // First every event is read and its expansion planned; then, unless the rules already say the feed would visit more
  // occurrences than its budget (a recurrence bomb fails here, in milliseconds), each is expanded.
  const window = { expandFrom, horizonEnd };
  const prepared: PreparedEvent[] = [];
  let estimated = 0;
  for (const [key, blocks] of groups) {
    let components: ICAL.Component[];
    try {
      components = new ICAL.Component(ICAL.parse(wrap(blocks))).getAllSubcomponents("vevent");
    } catch (error) {
      skip(
        `événement ${key.startsWith("#") ? "sans UID" : key} illisible : ${(error as Error).message}`,
        blocks.length,
      );
      continue;
    }
    const masters = components.filter((c) => !c.hasProperty("recurrence-id"));
    const exceptions = components.filter((c) => c.hasProperty("recurrence-id"));
    // Exceptions belong to the first master: several masters sharing a UID each relating every exception was quadratic.
    (masters.length ? masters : exceptions).forEach((component, index) => {
      try {
        const event = prepareEvent(
          component,
          masters.length && index === 0 ? exceptions : [],
          key,
          zones,
          window,
          maker,
        );
        if (!event) return;
        estimated += event.plan?.estimate ?? 0;
        prepared.push(event);
      } catch (error) {
        skip(`événement ${key} illisible : ${(error as Error).message}`);
      }
    });
  }
  if (estimated > budget.occurrencesLeft) throw tooComplex();
  for (const event of prepared) {
    try {
      expandEvent(event, zones, window, result, budget, skip);
    } catch (error) {
      if (error instanceof FeedFetchError) throw error;
      skip(`événement ${event.uid} illisible : ${(error as Error).message}`);
    }
    if (result.blocks.length > MAX_BLOCKS)
      throw new FeedFetchError("FEED_TOO_LARGE", `Plus de ${MAX_BLOCKS} périodes dans le calendrier.`);
  }
  return result;
}
