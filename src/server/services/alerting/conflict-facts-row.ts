import type { ConflictFacts } from "../events/events.service";

/** A conflict as the conflict sweeps read it in SQL, with its listing's title and host (`conflictFactsColumns`). */
export interface ConflictFactsRow extends Record<string, unknown> {
  id: string;
  title: string;
  host_name: string;
  host_email: string;
  host_locale: "fr" | "en";
  certainty: "certain" | "probable";
  first_night: string;
  last_night: string;
  nights: number;
  provider_a: string;
  provider_b: string;
  arrived_after_hours: number | null;
}

/** The select list of a ConflictFactsRow, for a statement over booking_conflicts `c`, listings `l` and users `u`. */
export const conflictFactsColumns = `c.id, l.title, u.name as host_name, u.email as host_email, u.locale as host_locale, c.certainty, c.first_night::text as first_night,
  c.last_night::text as last_night, c.nights, c.provider_a, c.provider_b, c.arrived_after_hours`;

/** What a conflict's e-mails say, from its row (the drivers answer some numbers as strings). */
export function conflictFactsOf(row: ConflictFactsRow): ConflictFacts {
  return {
    id: row.id,
    listingTitle: row.title,
    hostName: row.host_name,
    certainty: row.certainty,
    firstNight: row.first_night,
    lastNight: row.last_night,
    nights: Number(row.nights),
    providers: [row.provider_a, row.provider_b],
    arrivedAfterHours: row.arrived_after_hours === null ? null : Number(row.arrived_after_hours),
  };
}
