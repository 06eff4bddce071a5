import { getConfig } from "../../config";
import { inTransaction, type ServiceContext, type TransactionContext } from "../../service-context";
import type { CalendarSyncAlert } from "../../db/schema";
import { escalateAfterSnooze, unsnoozeAlert, wakeDueSnoozes } from "../alerts/snooze-alert";
import { getAlertDtoOrThrow, type AlertDTO } from "../alerts/alert-dto";
import { recordAlertEscalated } from "./alert-events";

const WAKE_BATCH = 100;

/** A woken alert that would have escalated while snoozed escalates now, recorded in the same transaction. */
async function escalateIfDue(tx: TransactionContext, alert: CalendarSyncAlert, now: Date): Promise<boolean> {
  if (alert.status !== "active") return false;
  const escalating = await escalateAfterSnooze(tx, {
    alertId: alert.id,
    threshold: getConfig().alerts.escalationThreshold,
    now,
  });
  if (!escalating) return false;
  await recordAlertEscalated(tx, escalating);
  return true;
}

/** « Reprendre » by hand: the snooze ends, and an escalation it held back happens now, if the feed still fails. */
export async function endSnooze(ctx: ServiceContext, input: { alertId: string; now?: Date }): Promise<AlertDTO> {
  const now = input.now ?? new Date();
  return inTransaction(ctx, async (tx) => {
    const woken = await unsnoozeAlert(tx, { alertId: input.alertId, now });
    await escalateIfDue(tx, woken, now);
    return getAlertDtoOrThrow(tx, woken.id);
  });
}

/**
 * The worker's wake-up, run by every worker: the alerts whose snooze time has come wake (each by one worker, SKIP
 * LOCKED), and those that reached the threshold while snoozed escalate now, recorded as events.
 * Returns how many woke.
 */
export async function wakeSnoozedAlerts(
  ctx: ServiceContext,
  input: { now?: Date } = {},
): Promise<{ woken: number; escalated: number }> {
  const now = input.now ?? new Date();
  return inTransaction(ctx, async (tx) => {
    const woken = await wakeDueSnoozes(tx, { now, limit: WAKE_BATCH });
    let escalated = 0;
    for (const alert of woken) if (await escalateIfDue(tx, alert, now)) escalated++;
    return { woken: woken.length, escalated };
  });
}
