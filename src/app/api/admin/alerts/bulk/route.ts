// POST /api/admin/alerts/bulk { action: resolve|assign|snooze, ids | filter, note?, userId?, until?, untilChange? }:
// the same action on up to 500 alerts (the ids, or those matching the list's filters), one transaction per batch,
// each audited. Answers what was done and what was skipped, and why (not_found, already_resolved).
import { z } from "zod";
import { BACK_OFFICE_ROLES } from "@/server/auth/roles";
import { withRole } from "@/server/http/with-role";
import { parseJsonBody } from "@/server/http/parse";
import { jsonData } from "@/server/http/respond";
import { ValidationError } from "@/server/errors";
import { text } from "@/server/validation";
import { actOnAlerts, BulkAction, MAX_BULK_ALERTS } from "@/server/services/alerting/alerting.service";
import { listAlertIdsMatching } from "@/server/services/read-models/read-models.service";

export const runtime = "nodejs";

// Which alerts: the ids, or the list's filters. The rest of the body is the action (BulkAction, strict).
const Selection = z
  .object({
    ids: z.array(text().max(64)).max(MAX_BULK_ALERTS, `Au plus ${MAX_BULK_ALERTS} alertes à la fois.`).optional(),
    filter: z.record(text().max(32), text().max(512)).optional(),
  })
  .refine((body) => (body.ids === undefined) !== (body.filter === undefined), { message: "Donnez « ids » ou « filter », l'un des deux.", path: ["ids"] });

export const POST = withRole(BACK_OFFICE_ROLES, async ({ request, ctx }) => {
  const { ids, filter, ...rest } = await parseJsonBody(z.record(z.string(), z.unknown()), request);
  const selection = Selection.safeParse({ ids, filter });
  if (!selection.success) throw new ValidationError("Sélection invalide.", selection.error.issues);
  const action = BulkAction.safeParse(rest);
  if (!action.success) throw new ValidationError("Action invalide.", action.error.issues);
  const selected = selection.data.ids ?? (await listAlertIdsMatching(ctx, { filters: selection.data.filter!, max: MAX_BULK_ALERTS }));
  return jsonData(await actOnAlerts(ctx, { ids: selected, action: action.data }));
});
