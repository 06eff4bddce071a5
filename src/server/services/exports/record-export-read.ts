import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import type { ExportDestination } from "../../shared/export-destinations";
import type { ExportReader } from "../../shared/export-readers";
import type { ServiceContext } from "../../service-context";

/** Reads of one link within this time of the last one recorded are not recorded: at most one write a minute. */
export const READ_RECORD_INTERVAL_MS = 60_000;

// One statement: the link's last read moves on and the read is logged, only when the last one recorded is a minute
// old or more. Of two reads at once, the second waits on the row and then finds it fresh: one write. The link's
// staleness is read under that lock, so a read back from a stale link is seen by exactly one reader.
const recordReadStatement = preparedStatement(
  "record_export_read_v1",
  `with prior as (
     select id, stale_since from export_links
     where id = $1::text and (last_read_at is null or last_read_at <= $2::timestamptz - interval '1 minute')
     for update
   ), touched as (
     update export_links l set last_read_at = $2::timestamptz, last_reader = $3::text, last_read_status = $4::int,
       stale_since = null, stale_escalated_at = null, updated_at = $2::timestamptz
     from prior
     where l.id = prior.id and (l.last_read_at is null or l.last_read_at <= $2::timestamptz - interval '1 minute')
     returning l.id, l.listing_id, l.destination, prior.stale_since
   ), logged as (
     insert into export_reads (link_id, listing_id, at, status, user_agent, reader, client_network, previous_token)
     select id, listing_id, $2::timestamptz, $4::int, $5::text, $3::text, $6::text, $7::boolean from touched
   )
   select listing_id as "listingId", destination, stale_since is not null as "wasStale" from touched`,
);

export interface ExportReadInput {
  linkId: string;
  at: Date;
  status: 200 | 304;
  reader: ExportReader;
  userAgent: string | null;
  clientNetwork: string | null;
  previousToken: boolean;
}

/** Records a read (a minute after the last one at the earliest); says whether the link was stale until now. */
export async function recordExportRead(
  ctx: ServiceContext,
  read: ExportReadInput,
): Promise<{ recorded: boolean; wasStale: boolean; listingId: string; destination: ExportDestination } | null> {
  const [row] = await runPrepared<{ listingId: string; destination: ExportDestination; wasStale: boolean }>(
    ctx.db,
    recordReadStatement,
    [
      read.linkId,
      read.at.toISOString(),
      read.reader,
      read.status,
      read.userAgent?.slice(0, 200) ?? null,
      read.clientNetwork,
      read.previousToken,
    ],
  );
  return row ? { recorded: true, ...row } : null;
}
