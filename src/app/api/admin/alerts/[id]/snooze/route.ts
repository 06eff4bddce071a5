// PUT /api/admin/alerts/[id]/snooze { until } | { untilChange: true }: « Mettre en pause » (400 past or beyond 30 days,
// 404 unknown, 409 resolved). DELETE: « Reprendre » (409 when not snoozed); an escalation the snooze held back
// happens then.
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { snoozeAlert, SnoozeInput } from "@/server/services/alerts/alerts.service";
import { endSnooze } from "@/server/services/alerting/alerting.service";

export const runtime = "nodejs";

export const PUT = withRole<{ id: string }>(BACK_OFFICE_ROLES, async ({ request, ctx, params }) => {
  const snooze = await parseJsonBody(SnoozeInput, request);
  return jsonData(await snoozeAlert(ctx, { alertId: params.id, snooze }));
});

export const DELETE = withRole<{ id: string }>(BACK_OFFICE_ROLES, async ({ ctx, params }) =>
  jsonData(await endSnooze(ctx, { alertId: params.id })),
);
