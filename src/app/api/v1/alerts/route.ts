// GET /api/v1/alerts?status&cursor&limit…: the alerts, for a platform's own back-office (key scope alerts:read).
import { withApiKey } from "@/server/http/with-api-key";
import { parseSearchParams } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { ListAlertsInput, listAlerts } from "@/server/services/read-models/read-models.service";

export const runtime = "nodejs";

export const GET = withApiKey("alerts:read", async ({ request, ctx }) => {
  const page = await listAlerts(ctx, parseSearchParams(ListAlertsInput, request.url));
  return jsonData(page.data, page.meta);
});
