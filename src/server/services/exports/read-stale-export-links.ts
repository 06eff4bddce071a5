import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import type { ServiceContext } from "../../service-context";
import type { ExportDestination } from "../../shared/export-destinations";

export interface UnreadExportLink {
  id: string;
  listingId: string;
  destination: ExportDestination;
  lastReadAt: Date;
}

// Links read once and unread since the cutoff, not stale yet, of listings still on the platform.
const goingStaleStatement = preparedStatement(
  "export_links_going_stale_v1",
  `select l.id, l.listing_id as "listingId", l.destination, l.last_read_at as "lastReadAt"
   from export_links l join listings li on li.id = l.listing_id
   where l.last_read_at is not null and l.stale_since is null and l.last_read_at <= $1::timestamptz and li.archived_at is null
   order by l.last_read_at limit $2::int`,
);

// Stale links unread since the escalation's cutoff, not counted for it yet.
const dueEscalationStatement = preparedStatement(
  "export_links_due_escalation_v1",
  `select l.id, l.listing_id as "listingId", l.destination, l.last_read_at as "lastReadAt"
   from export_links l join listings li on li.id = l.listing_id
   where l.stale_since is not null and l.stale_escalated_at is null and l.last_read_at <= $1::timestamptz and li.archived_at is null
   order by l.stale_since limit $2::int`,
);

// Open export alerts whose listing has no stale link left: a read back whose resolution did not commit.
const settledStatement = preparedStatement(
  "export_alerts_settled_v1",
  `select a.listing_id as "listingId" from calendar_sync_alerts a
   where a.status <> 'resolved' and a.error_type = 'EXPORT_NOT_READ'
     and not exists (select 1 from export_links l where l.listing_id = a.listing_id and l.stale_since is not null)
   limit $1::int`,
);

const toLink = (row: UnreadExportLink): UnreadExportLink => ({ ...row, lastReadAt: new Date(row.lastReadAt) });

export async function readLinksGoingStale(ctx: ServiceContext, input: { cutoff: Date; limit: number }) {
  return (
    await runPrepared<UnreadExportLink>(ctx.db, goingStaleStatement, [input.cutoff.toISOString(), input.limit])
  ).map(toLink);
}

export async function readLinksDueEscalation(ctx: ServiceContext, input: { cutoff: Date; limit: number }) {
  return (
    await runPrepared<UnreadExportLink>(ctx.db, dueEscalationStatement, [input.cutoff.toISOString(), input.limit])
  ).map(toLink);
}

export async function readSettledExportAlerts(ctx: ServiceContext, limit: number): Promise<string[]> {
  return (await runPrepared<{ listingId: string }>(ctx.db, settledStatement, [limit])).map((row) => row.listingId);
}
