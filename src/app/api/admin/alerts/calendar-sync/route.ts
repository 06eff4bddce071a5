// GET /api/admin/alerts/calendar-sync: open alerts (default) or the history, filtered and paginated.
// ?view=summary gives each alert as the dashboard lists it (AlertSummaryDTO) instead of whole.
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { AlertListView } from "@/server/api/request-schemas";
import { parseSearchParams } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { ListAlertsInput, listAlerts } from "@/server/services/read-models/read-models.service";
import { toAlertSummary } from "@/server/services/alerts/alerts.service";

export const runtime = "nodejs";

export const GET = withRole(BACK_OFFICE_ROLES, async ({ request, ctx }) => {
  const filters = parseSearchParams(ListAlertsInput, request.url);
  const { view } = parseSearchParams(AlertListView, request.url);
  const page = await listAlerts(ctx, filters);
  return jsonData(view === "summary" ? page.data.map(toAlertSummary) : page.data, page.meta);
});
