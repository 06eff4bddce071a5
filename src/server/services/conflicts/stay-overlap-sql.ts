import { PLATFORM_FEED_ID, PLATFORM_PROVIDER } from "../../shared/platform-source";

/**
 * The double-booking rule as SQL, written once: the detection (conflicts/detect-conflicts.ts) applies it, and the
 * import statement (calendar/sync/record-healthy-sync.ts) asks it whether an import can have changed a conflict at
 * all, so that an import that only echoes its sibling's stays sends no second statement.
 */

/** SQL expressions for a stay's columns: its start, its end (timestamptz) and whether it is date-only. */
export interface StayColumnsSql {
  startsAt: string;
  endsAt: string;
  allDay: string;
}

/**
 * A stay's first and last nights, as dates in the listing's zone (`zone`, an SQL expression): from the night of its
 * first day to the night before its last (a check-out day is free for a check-in). A date-only stay was anchored at
 * midnight in Europe/Paris by the parser (ical/zoned-time.ts), so its dates are read there.
 */
export function stayNightsSql(stay: StayColumnsSql, zone: string): { firstNight: string; lastNight: string } {
  const localDate = (edge: string) =>
    `(${edge} at time zone case when ${stay.allDay} then 'Europe/Paris' else ${zone} end)::date`;
  return { firstNight: localDate(stay.startsAt), lastNight: `${localDate(stay.endsAt)} - 1` };
}

/** A stay as the rule reads it: its kind and its nights (SQL expressions), blocks already left out. */
export interface RuledStaySql {
  kind: string;
  firstNight: string;
  lastNight: string;
}

/**
 * Two overlapping stays of two feeds (neither `blocked`): certain when both are reservations; probable when one is a
 * reservation and the other not told apart, unless their nights are the same (the echo of one stay imported back by
 * the other platform); null otherwise (two unknowns). Yields a conflict_certainty or null.
 */
export function conflictCertaintySql(one: RuledStaySql, other: RuledStaySql): string {
  return `case when ${one.kind} = 'reservation' and ${other.kind} = 'reservation' then 'certain'
    when ${one.kind} <> ${other.kind} and (${one.firstNight}, ${one.lastNight}) is distinct from (${other.firstNight}, ${other.lastNight}) then 'probable'
  end::conflict_certainty`;
}

/** The first night both stays hold that has not passed (`today` in the listing's zone); none when it is after `sharedLastNightSql`. */
export function sharedFirstNightSql(one: RuledStaySql, other: RuledStaySql, today: string): string {
  return `greatest(${one.firstNight}, ${other.firstNight}, ${today})`;
}

export function sharedLastNightSql(one: RuledStaySql, other: RuledStaySql): string {
  return `least(${one.lastNight}, ${other.lastNight})`;
}

/**
 * The platform's confirmed reservations of a listing (`listingId`, an SQL expression) not over before `today`, as
 * stays of the rule: feed PLATFORM_FEED_ID, kind reservation, the nights from check-in to the night before
 * check-out. Their instants are those of date-only stays (midnight in Europe/Paris), as the parser anchors them.
 */
export function platformStaysSql(listingId: string, today: string): string {
  return `select r.listing_id, '${PLATFORM_FEED_ID}'::text as feed_id, '${PLATFORM_PROVIDER}'::text as provider, r.external_id as uid,
      'reservation'::stay_kind as kind, (r.check_in::timestamp at time zone 'Europe/Paris') as starts_at,
      (r.check_out::timestamp at time zone 'Europe/Paris') as ends_at, r.check_in as first_night, r.check_out - 1 as last_night
    from platform_reservations r
    where r.listing_id = ${listingId} and r.status = 'confirmed' and r.check_out > ${today} - 2
    offset 0`;
}
