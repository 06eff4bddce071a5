// GET /api/v1/booking-conflicts?status&listingId&certainty&from&to&cursor: double bookings (key scope conflicts:read).
import { withApiKey } from "@/server/http/with-api-key";
import { parseSearchParams } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { ListConflictsInput, listConflicts } from "@/server/services/read-models/read-models.service";

export const runtime = "nodejs";

export const GET = withApiKey("conflicts:read", async ({ request, ctx }) => {
  const page = await listConflicts(ctx, parseSearchParams(ListConflictsInput, request.url));
  return jsonData(page.data, page.meta);
});
