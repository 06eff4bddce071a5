import { inTransaction, type ServiceContext } from "../../service-context";
import { resolveAlertWithRow } from "../alerts/alerts.service";
import type { AlertDTO } from "../alerts/alerts.service";
import { recordAlertResolved } from "./alert-events";

/**
 * An agent closes an open alert (the store's resolveAlert: 404, 409, 403 as there); if it had escalated,
 * alert.resolved is recorded in the same transaction, by hand and by whom.
 */
export async function resolveAlertByHand(
  ctx: ServiceContext,
  input: { alertId: string; note?: string | null; now?: Date },
): Promise<AlertDTO> {
  return inTransaction(ctx, async (tx) => {
    const { row, dto } = await resolveAlertWithRow(tx, input);
    await recordAlertResolved(tx, { alert: row, how: "by-hand", by: dto.resolvedBy?.name ?? null });
    return dto;
  });
}
