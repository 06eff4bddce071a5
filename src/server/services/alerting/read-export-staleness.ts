import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import type { ServiceContext } from "../../service-context";

const staleOwnersStatement = preparedStatement(
  "export_stale_owners_v1",
  `select count(distinct li.owner_id)::int as owners, count(*)::int as links, count(distinct l.listing_id)::int as listings,
     (select count(*)::int from export_links r where r.destination = $1::text and r.last_read_at >= $2::timestamptz) as "readLinks"
   from export_links l join listings li on li.id = l.listing_id
   where l.destination = $1::text and l.stale_since >= $2::timestamptz and li.archived_at is null`,
);

export interface ExportStaleness {
  /** Owners, links and listings whose link of the destination went unread in the window. */
  owners: number;
  links: number;
  listings: number;
  /** The destination's links read in the window: what still works. */
  readLinks: number;
}

/** How many owners' links of a destination went stale since `since`: a destination's importer down, or N hosts. */
export async function readExportStaleness(
  ctx: ServiceContext,
  input: { destination: string; since: Date },
): Promise<ExportStaleness> {
  const [row] = await runPrepared<ExportStaleness>(ctx.db, staleOwnersStatement, [
    input.destination,
    input.since.toISOString(),
  ]);
  return {
    owners: Number(row?.owners ?? 0),
    links: Number(row?.links ?? 0),
    listings: Number(row?.listings ?? 0),
    readLinks: Number(row?.readLinks ?? 0),
  };
}

const readBackStatement = preparedStatement(
  "export_read_back_owners_v1",
  `select count(distinct li.owner_id)::int as owners,
     (select count(*)::int from export_links s where s.destination = $1::text and s.stale_since is not null) as stale
   from export_links l join listings li on li.id = l.listing_id
   where l.destination = $1::text and l.last_read_at > $2::timestamptz`,
);

/** Since an export incident opened: how many owners' links of its destination were read, and how many links are still stale. */
export async function readExportReadBack(
  ctx: ServiceContext,
  input: { destination: string; since: Date },
): Promise<{ ownersRead: number; stillStale: number }> {
  const [row] = await runPrepared<{ owners: number; stale: number }>(ctx.db, readBackStatement, [
    input.destination,
    input.since.toISOString(),
  ]);
  return { ownersRead: Number(row?.owners ?? 0), stillStale: Number(row?.stale ?? 0) };
}
