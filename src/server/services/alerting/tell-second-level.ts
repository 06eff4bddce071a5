import { getConfig } from "../../config";
import { inTransaction, type ServiceContext } from "../../service-context";
import { claimUnownedEscalations } from "../alerts/alerts.service";
import { readUnownedEscalations } from "./read-unowned-escalations";
import { recordEvent } from "../events/events.service";

const BATCH = 100;

/**
 * The second level of escalation, run by every worker: an escalated alert nobody took within
 * ESCALATION_UNASSIGNED_MINUTES tells ESCALATION_SECOND_LEVEL_EMAIL, once per alert (claimed and recorded in one
 * transaction), never while it is snoozed or under a provider incident. Nothing when no second level is set.
 * Returns how many alerts it told about.
 */
export async function tellSecondLevel(
  ctx: ServiceContext,
  input: { now?: Date; recipient?: string; afterMinutes?: number } = {},
): Promise<number> {
  const { alerts } = getConfig();
  const recipient = input.recipient ?? alerts.secondLevelEmail;
  if (!recipient) return 0;
  const afterMinutes = input.afterMinutes ?? alerts.unassignedMinutes;
  const now = input.now ?? new Date();
  return inTransaction(ctx, async (tx) => {
    const due = await readUnownedEscalations(tx, { now, afterMinutes, limit: BATCH });
    const titles = new Map(due.map((alert) => [alert.id, alert.title]));
    const claimed = await claimUnownedEscalations(tx, { alertIds: [...titles.keys()], now, afterMinutes });
    for (const alert of claimed) {
      const unownedMinutes = Math.floor((now.getTime() - (alert.escalatedAt ?? now).getTime()) / 60_000);
      await recordEvent(tx, {
        type: "alert.second-level",
        recipient,
        alert: {
          id: alert.id,
          listing: { id: alert.listingId, title: titles.get(alert.id)! },
          failedAttempts: alert.failedAttempts,
          escalatedAt: (alert.escalatedAt ?? now).toISOString(),
          unownedMinutes,
        },
      });
    }
    return claimed.length;
  });
}
