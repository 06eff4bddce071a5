// GET /api/admin/booking-conflicts?status=open|resolved|dismissed|all&listingId&certainty&from&to&cursor: double bookings.
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { parseSearchParams } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { ListConflictsInput, listConflicts } from "@/server/services/read-models/read-models.service";

export const runtime = "nodejs";

export const GET = withRole(BACK_OFFICE_ROLES, async ({ request, ctx }) => {
  const page = await listConflicts(ctx, parseSearchParams(ListConflictsInput, request.url));
  return jsonData(page.data, page.meta);
});
