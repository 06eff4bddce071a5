import { inTransaction, type ServiceContext } from "../../service-context";
import { resolveAlert } from "../alerts/resolve-alert";
import type { AlertDTO } from "../alerts/alert-dto";
import { tellAlertResolved } from "./tell-alert-resolved";

/**
 * An agent closes an open alert (the store's resolveAlert: 404, 409, 403 as there); if it had escalated, the
 * escalation's recipients get « [Résolu] … » in the same transaction.
 */
export async function resolveAlertByHand(
  ctx: ServiceContext,
  input: { alertId: string; note?: string | null; now?: Date },
): Promise<AlertDTO> {
  return inTransaction(ctx, async (tx) => {
    const resolved = await resolveAlert(tx, input);
    if (resolved.escalatedAt) {
      await tellAlertResolved(tx, {
        alert: {
          id: resolved.id,
          listingId: resolved.listing.id,
          escalatedAt: new Date(resolved.escalatedAt),
          failedAttempts: resolved.failedAttempts,
          resolvedAt: resolved.resolvedAt ? new Date(resolved.resolvedAt) : null,
          resolutionNote: resolved.resolutionNote,
          resolvedAutomatically: false,
        },
        by: resolved.resolvedBy?.name ?? null,
        listingTitle: resolved.listing.title,
      });
    }
    return resolved;
  });
}
