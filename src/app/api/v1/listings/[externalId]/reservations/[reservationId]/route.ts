// PUT /api/v1/listings/{externalId}/reservations/{reservationId} { checkIn, checkOut, status, guestName? }:
// the platform's own booking, in the double-booking check; 201 created, 200 updated or unchanged (reservations:write).
import { withApiKey } from "@/server/http/with-api-key";
import { readJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { upsertReservation } from "@/server/services/platform/platform.service";

export const runtime = "nodejs";

export const PUT = withApiKey<{ externalId: string; reservationId: string }>(
  "reservations:write",
  async ({ request, params, ctx }) => {
    const outcome = await upsertReservation(ctx, {
      listingExternalId: params.externalId,
      reservationId: params.reservationId,
      body: await readJsonBody(request),
    });
    return jsonData(
      { listingExternalId: outcome.listingExternalId, reservationId: outcome.reservationId },
      { result: outcome.result },
      outcome.result === "created" ? 201 : 200,
    );
  },
);
