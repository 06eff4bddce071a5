// GET /api/admin/alerts/calendar-sync: open alerts (default) or the history, filtered and paginated.
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { parseSearchParams } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { ListAlertsInput, listAlerts } from "@/server/services/back-office/back-office.service";

export const runtime = "nodejs";

export const GET = withRole(BACK_OFFICE_ROLES, async ({ request, user }) => {
  const filters = parseSearchParams(ListAlertsInput, request.url);
  const page = await listAlerts(user, filters);
  return jsonData(page.data, page.meta);
});
