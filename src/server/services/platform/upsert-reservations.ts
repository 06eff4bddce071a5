import { AUDIT_INSERT } from "../audit/audit.service";
import { findListingsByExternalIds } from "../calendar/calendar.service";
import { sql } from "drizzle-orm";
import { authorizeIntegration } from "../../actor";
import { queryRows } from "../../db/query-rows";
import { inTransaction, type ServiceContext, type TransactionContext } from "../../service-context";
import { PLATFORM_FEED_ID } from "../../shared/platform-source";
import { checkBookingConflicts } from "../alerting/alerting.service";
import { ReservationItem } from "./reservation-input";
import { CHUNK_SIZE, itemErrorAsThrown, type ItemError, type ItemResult } from "./upsert-listings";

export interface ReservationItemOutcome {
  index: number;
  listingExternalId: string | null;
  reservationId: string | null;
  result: ItemResult;
  error?: ItemError;
}

type Validated =
  { item: ReservationItem } | { error: ItemError; listingExternalId: string | null; reservationId: string | null };

const stringField = (raw: unknown, name: string) => {
  const value = (raw as Record<string, unknown> | null)?.[name];
  return typeof value === "string" ? value : null;
};

function validate(items: readonly unknown[]): Validated[] {
  const parsed = items.map((raw): Validated => {
    const result = ReservationItem.safeParse(raw);
    if (result.success) return { item: result.data };
    const issue = result.error.issues[0]!;
    return {
      error: { status: 422, code: "UNPROCESSABLE", message: issue.message, path: issue.path.join(".") },
      listingExternalId: stringField(raw, "listingExternalId"),
      reservationId: stringField(raw, "reservationId"),
    };
  });
  const count = new Map<string, number>();
  const keyOf = (item: ReservationItem) => `${item.listingExternalId}\u0000${item.reservationId}`;
  for (const entry of parsed)
    if ("item" in entry) count.set(keyOf(entry.item), (count.get(keyOf(entry.item)) ?? 0) + 1);
  return parsed.map((entry): Validated => {
    if (!("item" in entry) || count.get(keyOf(entry.item))! === 1) return entry;
    const { listingExternalId, reservationId } = entry.item;
    return {
      error: {
        status: 409,
        code: "CONFLICT",
        message: `La réservation ${reservationId} figure plusieurs fois dans ce lot : envoyez-la une fois.`,
        path: "reservationId",
      },
      listingExternalId,
      reservationId,
    };
  });
}

interface Written {
  listing_id: string;
  external_id: string;
  id: string;
  inserted: boolean;
  status: string;
}

async function writeChunk(
  tx: TransactionContext,
  items: Array<{ index: number; item: ReservationItem }>,
): Promise<{ outcomes: ReservationItemOutcome[]; listings: Set<string> }> {
  const listingRows = await findListingsByExternalIds(
    tx,
    items.map(({ item }) => item.listingExternalId),
  );
  const listingOf = new Map(listingRows.map((row) => [row.external_id, row]));
  const outcomes: ReservationItemOutcome[] = [];
  const writable: Array<{ index: number; item: ReservationItem; listingId: string }> = [];
  for (const { index, item } of items) {
    const listing = listingOf.get(item.listingExternalId);
    const base = { index, listingExternalId: item.listingExternalId, reservationId: item.reservationId };
    if (!listing)
      outcomes.push({
        ...base,
        result: "error",
        error: {
          status: 422,
          code: "UNPROCESSABLE",
          message: `Annonce inconnue : ${item.listingExternalId}. Envoyez-la d'abord (PUT /api/v1/listings/{externalId}).`,
          path: "listingExternalId",
        },
      });
    else if (listing.archived)
      outcomes.push({
        ...base,
        result: "error",
        error: {
          status: 409,
          code: "CONFLICT",
          message: `L'annonce ${item.listingExternalId} a été retirée de la plateforme.`,
          path: "listingExternalId",
        },
      });
    else writable.push({ index, item, listingId: listing.id });
  }
  const touched = new Set<string>();
  if (writable.length === 0) return { outcomes, listings: touched };
  const rows = await queryRows<Written & Record<string, unknown>>(
    tx.db,
    sql`insert into platform_reservations as r (id, listing_id, external_id, check_in, check_out, status, guest_name)
        select 'r' || replace(gen_random_uuid()::text, '-', ''), i.listing_id, i.external_id, i.check_in, i.check_out, i.status, i.guest_name
        from json_to_recordset(${JSON.stringify(
          writable.map(({ item, listingId }) => ({
            listing_id: listingId,
            external_id: item.reservationId,
            check_in: item.checkIn,
            check_out: item.checkOut,
            status: item.status,
            guest_name: item.guestName ?? null,
          })),
        )}::json) as i(listing_id text, external_id text, check_in date, check_out date, status text, guest_name text)
        on conflict (listing_id, external_id) do update set
          check_in = excluded.check_in, check_out = excluded.check_out, status = excluded.status, guest_name = excluded.guest_name, updated_at = now()
        where (r.check_in, r.check_out, r.status, r.guest_name) is distinct from (excluded.check_in, excluded.check_out, excluded.status, excluded.guest_name)
        returning r.listing_id, r.external_id, r.id, (r.xmax = 0) as inserted, r.status`,
  );
  const written = new Map(rows.map((row) => [`${row.listing_id}\u0000${row.external_id}`, row]));
  const audit: Array<{ action: string; entity_id: string; data: Record<string, unknown> }> = [];
  for (const { index, item, listingId } of writable) {
    const row = written.get(`${listingId}\u0000${item.reservationId}`);
    const base = { index, listingExternalId: item.listingExternalId, reservationId: item.reservationId };
    if (!row) {
      outcomes.push({ ...base, result: "unchanged" });
      continue;
    }
    touched.add(listingId);
    outcomes.push({ ...base, result: row.inserted ? "created" : "updated" });
    // No guest name in the audit log: it is deleted with the reservation, and must not outlive it here.
    audit.push({
      action: row.inserted
        ? "platform_reservation.created"
        : row.status === "cancelled"
          ? "platform_reservation.cancelled"
          : "platform_reservation.updated",
      entity_id: row.id,
      data: {
        listingId,
        reservationId: item.reservationId,
        checkIn: item.checkIn,
        checkOut: item.checkOut,
        status: item.status,
      },
    });
  }
  if (audit.length > 0) {
    const byKey = tx.actor.role === "api-key";
    await tx.db.execute(
      sql`${sql.raw(AUDIT_INSERT)}
          select ${byKey ? null : tx.actor.id}, ${byKey ? tx.actor.id : null}, a.action, 'platform_reservation', a.entity_id, a.data
          from json_to_recordset(${JSON.stringify(audit)}::json) as a(action text, entity_id text, data jsonb)`,
    );
  }
  return { outcomes, listings: touched };
}

/**
 * Creates, changes or cancels the platform's own reservations by its ids (CHUNK_SIZE per transaction); the same
 * reservation again writes nothing. After each chunk commits, the double-booking detection reads the listings it
 * changed: a confirmed reservation sharing nights with a feed's reservation is a certain conflict, and one cancelled
 * resolves it.
 */
export async function upsertReservations(
  ctx: ServiceContext,
  rawItems: readonly unknown[],
): Promise<ReservationItemOutcome[]> {
  authorizeIntegration(ctx.actor, "reservations:write");
  const outcomes: ReservationItemOutcome[] = [];
  const valid: Array<{ index: number; item: ReservationItem }> = [];
  validate(rawItems).forEach((entry, index) => {
    if ("item" in entry) valid.push({ index, item: entry.item });
    else
      outcomes.push({
        index,
        listingExternalId: entry.listingExternalId,
        reservationId: entry.reservationId,
        result: "error",
        error: entry.error,
      });
  });
  for (let start = 0; start < valid.length; start += CHUNK_SIZE) {
    const written = await inTransaction(ctx, (tx) => writeChunk(tx, valid.slice(start, start + CHUNK_SIZE)));
    outcomes.push(...written.outcomes);
    const now = new Date();
    await Promise.all(
      [...written.listings].map((listingId) =>
        checkBookingConflicts(ctx, { listingId, feedId: PLATFORM_FEED_ID, at: now, afterFailuresHours: null }),
      ),
    );
  }
  return outcomes.sort((a, b) => a.index - b.index);
}

/** PUT /api/v1/listings/{externalId}/reservations/{reservationId}: one item of the batch, its error thrown (422, 409). */
export async function upsertReservation(
  ctx: ServiceContext,
  input: { listingExternalId: string; reservationId: string; body: unknown },
): Promise<ReservationItemOutcome> {
  const body =
    input.body && typeof input.body === "object" && !Array.isArray(input.body) ? input.body : { body: input.body };
  const [outcome] = await upsertReservations(ctx, [
    { ...body, listingExternalId: input.listingExternalId, reservationId: input.reservationId },
  ]);
  if (outcome!.error) throw itemErrorAsThrown(outcome!.error);
  return outcome!;
}
