import { eq } from "drizzle-orm";
import { calendarSyncAlerts, type CalendarSyncAlert } from "../../db/schema";
import type { TransactionContext } from "../../service-context";
import { ConflictError, NotFoundError, words } from "../../errors";
import { isEntityId } from "../../validation";

/**
 * The alert's row, locked for the rest of the transaction: two agents acting on it at once take turns, and the
 * second sees what the first did. Unknown id → NotFoundError; `open` and resolved → ConflictError.
 */
export async function lockAlert(
  tx: TransactionContext,
  input: { alertId: string; open?: boolean },
): Promise<CalendarSyncAlert> {
  if (!isEntityId(input.alertId)) throw new NotFoundError("Alerte", input.alertId);
  const [alert] = await tx.db
    .select()
    .from(calendarSyncAlerts)
    .where(eq(calendarSyncAlerts.id, input.alertId))
    .for("update");
  if (!alert) throw new NotFoundError("Alerte", input.alertId);
  if (input.open && alert.status === "resolved") {
    throw new ConflictError(words("alertResolved"), { resolvedAt: alert.resolvedAt?.toISOString() ?? null });
  }
  return alert;
}
