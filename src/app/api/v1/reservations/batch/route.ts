// POST /api/v1/reservations/batch { items: [{ listingExternalId, reservationId, checkIn, checkOut, status, guestName? }] }:
// up to 1,000, each with its result (reservations:write).
import { withApiKey } from "@/server/http/with-api-key";
import { readBatchItems, summarize } from "@/server/http/batch-body";
import { jsonData } from "@/server/http/respond";
import { MAX_BATCH_ITEMS, upsertReservations } from "@/server/services/platform/platform.service";

export const runtime = "nodejs";

export const POST = withApiKey("reservations:write", async ({ request, ctx }) => {
  const results = await upsertReservations(ctx, await readBatchItems(request, MAX_BATCH_ITEMS));
  return jsonData(results, { summary: summarize(results) });
});
