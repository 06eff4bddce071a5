// PATCH /api/v1/alerts/{id}/resolve { note? }: the alert resolved by the key, audited under it (alerts:write).
import { withApiKey } from "@/server/http/with-api-key";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { ResolveAlertBody } from "@/server/api/request-schemas";
import { resolveAlertByHand } from "@/server/services/alerting/alerting.service";

export const runtime = "nodejs";

export const PATCH = withApiKey<{ id: string }>("alerts:write", async ({ request, params, ctx }) => {
  const body = await parseJsonBody(ResolveAlertBody, request);
  return jsonData(await resolveAlertByHand(ctx, { alertId: params.id, note: body.note }));
});
