import { z } from "zod";
import { inTransaction, type ServiceContext } from "../../service-context";
import { authorizeViewer } from "../../actor";
import { BACK_OFFICE_ROLES } from "../../auth/roles";
import { ConflictError, NotFoundError, ValidationError, words } from "../../errors";
import { text } from "../../validation";
import { assignAlert } from "../alerts/alerts.service";
import { ResolutionNote } from "../alerts/alerts.service";
import { SnoozeInput, snoozeAlert } from "../alerts/alerts.service";
import { resolveAlertByHand } from "./resolve-alert-by-hand";

export const MAX_BULK_ALERTS = 500;
// Alerts changed per transaction: a batch commits or rolls back whole, and a long list holds no lock for long.
const BATCH = 100;

const AlertIds = z
  .array(text().trim().min(1).max(64))
  .min(1, "Sélectionnez au moins une alerte.")
  .max(MAX_BULK_ALERTS, `Au plus ${MAX_BULK_ALERTS} alertes à la fois.`);

/** What a bulk action does to each alert: resolve (with a note), assign (to a user or nobody), or snooze. */
export const BulkAction = z.discriminatedUnion("action", [
  z.object({ action: z.literal("resolve"), note: ResolutionNote.optional() }).strict(),
  z.object({ action: z.literal("assign"), userId: text().trim().min(1).max(64).nullable() }).strict(),
  z
    .object({ action: z.literal("snooze"), until: text().max(64).optional(), untilChange: z.literal(true).optional() })
    .strict(),
]);
export type BulkAction = z.infer<typeof BulkAction>;

export type SkipReason = "not_found" | "already_resolved";

export interface BulkResult {
  done: string[];
  skipped: Array<{ id: string; reason: SkipReason }>;
}

/** The snooze of a bulk action, checked once for all its alerts. */
export function bulkSnooze(action: Extract<BulkAction, { action: "snooze" }>): SnoozeInput {
  const parsed = SnoozeInput.safeParse(action.untilChange ? { untilChange: true } : { until: action.until });
  if (!parsed.success) throw new ValidationError(words("badSnooze"), parsed.error.issues);
  return parsed.data;
}

/**
 * The same action on many alerts (at most 500), for the history page: by batches of 100, one transaction each, each
 * alert audited as if acted on alone (resolving an escalated one e-mails its « [Résolu] »). An unknown id or a
 * resolved alert is skipped and said so; anything else refused (a user who is not an agent: 422) refuses the whole
 * request before any change.
 */
export async function actOnAlerts(
  ctx: ServiceContext,
  input: { ids: string[]; action: BulkAction; now?: Date },
): Promise<BulkResult> {
  authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  const parsedIds = AlertIds.safeParse(input.ids);
  if (!parsedIds.success) throw new ValidationError(words("badSelection"), parsedIds.error.issues);
  const ids = [...new Set(parsedIds.data)];
  const { action } = input;
  const snooze = action.action === "snooze" ? bulkSnooze(action) : null;
  const result: BulkResult = { done: [], skipped: [] };
  for (let start = 0; start < ids.length; start += BATCH) {
    const batch = ids.slice(start, start + BATCH);
    const outcome = await inTransaction(ctx, async (tx) => {
      const part: BulkResult = { done: [], skipped: [] };
      for (const alertId of batch) {
        try {
          if (action.action === "resolve")
            await resolveAlertByHand(tx, { alertId, note: action.note ?? null, now: input.now });
          else if (action.action === "assign")
            await assignAlert(tx, { alertId, userId: action.userId, now: input.now });
          else await snoozeAlert(tx, { alertId, snooze: snooze!, now: input.now });
          part.done.push(alertId);
        } catch (error) {
          if (error instanceof NotFoundError) part.skipped.push({ id: alertId, reason: "not_found" });
          else if (error instanceof ConflictError) part.skipped.push({ id: alertId, reason: "already_resolved" });
          else throw error;
        }
      }
      return part;
    });
    result.done.push(...outcome.done);
    result.skipped.push(...outcome.skipped);
  }
  return result;
}
