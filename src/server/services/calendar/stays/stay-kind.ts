import type { StayKind } from "../../../shared/stay-kinds";

export type { StayKind };

export interface StayKindRule {
  /** Which platform's convention, as support reads it. */
  convention: string;
  /** The calendar's PRODID, as the platform writes it. */
  prodid: RegExp;
  /** The provider key from the feed's URL (`calendar/provider-key.ts`), used when the calendar has no PRODID. */
  provider: string;
  summary?: RegExp;
  description?: RegExp;
  kind: StayKind;
}

/**
 * One row per platform convention, first match wins. Checked against public exports:
 * - Airbnb: « Reserved » with a « Reservation URL » in DESCRIPTION is a reservation; « Airbnb (Not available) » is a
 *   block (the host's, or Airbnb's own import of another platform's calendar);
 * - Booking.com: « CLOSED - Not available » for reservations and blocks alike: not told apart;
 * - Vrbo / Abritel (HomeAway): « Reserved » or « Reserved - <name> » is a reservation, « Blocked » a block.
 * Anything else (Google and others) is unknown.
 */
export const STAY_KIND_RULES: readonly StayKindRule[] = [
  {
    convention: "Airbnb : réservation (lien de réservation)",
    prodid: /airbnb/i,
    provider: "Airbnb",
    description: /reservation url/i,
    kind: "reservation",
  },
  {
    convention: "Airbnb : « Reserved »",
    prodid: /airbnb/i,
    provider: "Airbnb",
    summary: /^reserved$/i,
    kind: "reservation",
  },
  {
    convention: "Airbnb : « Airbnb (Not available) »",
    prodid: /airbnb/i,
    provider: "Airbnb",
    summary: /^airbnb \(not available\)$/i,
    kind: "blocked",
  },
  {
    convention: "Booking.com : « CLOSED - Not available »",
    prodid: /booking\.com/i,
    provider: "Booking.com",
    summary: /^closed - not available$/i,
    kind: "unknown",
  },
  {
    convention: "Vrbo : « Reserved » ou « Reserved - nom »",
    prodid: /homeaway|vrbo|abritel/i,
    provider: "Vrbo/Abritel",
    summary: /^reserved( - .*)?$/i,
    kind: "reservation",
  },
  {
    convention: "Vrbo : « Blocked »",
    prodid: /homeaway|vrbo|abritel/i,
    provider: "Vrbo/Abritel",
    summary: /^blocked$/i,
    kind: "blocked",
  },
];

export interface StayKindContext {
  /** The calendar's PRODID, or null when it has none. */
  prodid: string | null;
  /** The feed's provider key, a hint when the calendar does not say who made it. */
  providerKey?: string | null;
}

/** The kind of a stay, from its calendar's maker (PRODID, else the URL's provider) and its own SUMMARY and DESCRIPTION. */
export function stayKindOf(
  calendar: StayKindContext,
  event: { summary: string | null; description: string | null },
): StayKind {
  const summary = event.summary?.trim() ?? "";
  const description = event.description ?? "";
  for (const rule of STAY_KIND_RULES) {
    const maker = calendar.prodid ? rule.prodid.test(calendar.prodid) : rule.provider === calendar.providerKey;
    if (!maker) continue;
    if (rule.summary && !rule.summary.test(summary)) continue;
    if (rule.description && !rule.description.test(description)) continue;
    return rule.kind;
  }
  return "unknown";
}
