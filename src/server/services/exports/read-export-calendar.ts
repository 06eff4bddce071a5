import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import { EXPORT_DESTINATIONS } from "../../shared/export-destinations";
import { platformStaysSql, stayNightsSql } from "../conflicts/conflicts.service";
import type { ServiceContext } from "../../service-context";

/** A night range of the export: the first night and the day after the last (DTEND), in the listing's days. */
export interface ExportedStay {
  /** What the stay came from (a feed's event, a platform reservation): the seed of its stable UID. */
  source: string;
  start: string;
  end: string;
  reserved: boolean;
}

export interface ExportCalendar {
  linkId: string;
  listingId: string;
  destination: keyof typeof EXPORT_DESTINATIONS;
  /** Read through the token the last rotation replaced, during its grace. */
  previousToken: boolean;
  /** The last read recorded: a read within the minute after it records nothing. */
  lastReadAt: Date | null;
  stays: ExportedStay[];
}

// The feed provider each destination leaves out, so that a link never sends a platform its own stays back.
const EXCLUDED_PROVIDER = `case l.destination ${Object.entries(EXPORT_DESTINATIONS)
  .filter(([, destination]) => destination.providerKey !== null)
  .map(([code, destination]) => `when '${code}' then '${destination.providerKey}'`)
  .join(" ")} end`;

const BLOCK_NIGHTS = stayNightsSql({ startsAt: "b.starts_at", endsAt: "b.ends_at", allDay: "b.all_day" }, "link.zone");

// One round trip: the link by its token's hash (the current one, or the previous one during its grace; a withdrawn
// listing has no calendar), and its stays not yet over. Nights held twice (the same stay seen through two feeds) are
// one stay, « Réservé » when either says it is a reservation.
const exportCalendarStatement = preparedStatement(
  "read_export_calendar_v1",
  `with link as (
     select l.id, l.listing_id, l.destination, l.token_hash <> $1 as previous_token, l.last_read_at, li.time_zone as zone,
       ($2::timestamptz at time zone li.time_zone)::date as today, ${EXCLUDED_PROVIDER} as excluded
     from export_links l join listings li on li.id = l.listing_id
     where (l.token_hash = $1 or (l.previous_token_hash = $1 and l.previous_valid_until > $2::timestamptz))
       and li.archived_at is null
     limit 1
   ), stays as (
     select 'r:' || p.uid as source, true as reserved, p.first_night, p.last_night
     from link cross join lateral (${platformStaysSql("link.listing_id", "link.today")}) p
     union all
     select 'b:' || b.feed_id || ':' || b.uid || ':' || b.starts_at, b.kind = 'reservation', ${BLOCK_NIGHTS.firstNight}, ${BLOCK_NIGHTS.lastNight}
     from link
     join calendar_blocks b on b.listing_id = link.listing_id and b.ends_at > $2::timestamptz - interval '2 days'
     join calendar_feeds f on f.id = b.feed_id
     where f.provider_key is distinct from link.excluded
   )
   select link.id as "linkId", link.listing_id as "listingId", link.destination, link.previous_token as "previousToken",
     link.last_read_at as "lastReadAt",
     coalesce((
       select json_agg(json_build_object('source', s.source, 'start', s.first_night, 'end', s.last_night + 1, 'reserved', s.reserved)
                       order by s.first_night, s.last_night)
       from (
         select min(source) as source, bool_or(reserved) as reserved, first_night, last_night from stays
         where last_night >= (select today from link) and last_night >= first_night
         group by first_night, last_night
       ) s
     ), '[]'::json) as stays
   from link`,
);

/** The calendar a token opens, or null when no link answers to it (unknown, past its grace, listing withdrawn). */
export async function readExportCalendar(
  ctx: ServiceContext,
  input: { tokenHash: string; now: Date },
): Promise<ExportCalendar | null> {
  const [row] = await runPrepared<ExportCalendar & { stays: ExportedStay[] | string }>(
    ctx.db,
    exportCalendarStatement,
    [input.tokenHash, input.now.toISOString()],
  );
  if (!row) return null;
  return {
    ...row,
    lastReadAt: row.lastReadAt === null ? null : new Date(row.lastReadAt),
    stays: typeof row.stays === "string" ? (JSON.parse(row.stays) as ExportedStay[]) : row.stays,
  };
}
