// POST /api/admin/alerts/bulk { action: resolve|assign|snooze, ids | filter, note?, userId?, until?, untilChange? }:
// the same action on up to 500 alerts (the ids, or those matching the list's filters), one transaction per batch,
// each audited. Answers what was done and what was skipped, and why (not_found, already_resolved).
import { z } from "zod";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { BulkSelection } from "@/server/api/request-schemas";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { ValidationError, words } from "@/server/errors";
import { actOnAlerts, BulkAction, MAX_BULK_ALERTS } from "@/server/services/alerting/alerting.service";
import { listAlertIdsMatching } from "@/server/services/read-models/read-models.service";

export const runtime = "nodejs";

export const POST = withRole(BACK_OFFICE_ROLES, async ({ request, ctx }) => {
  const { ids, filter, ...rest } = await parseJsonBody(z.record(z.string(), z.unknown()), request);
  const selection = BulkSelection.safeParse({ ids, filter });
  if (!selection.success) throw new ValidationError(words("badSelection"), selection.error.issues);
  const action = BulkAction.safeParse(rest);
  if (!action.success) throw new ValidationError(words("badAction"), action.error.issues);
  const selected =
    selection.data.ids ?? (await listAlertIdsMatching(ctx, { filters: selection.data.filter!, max: MAX_BULK_ALERTS }));
  return jsonData(await actOnAlerts(ctx, { ids: selected, action: action.data }));
});
