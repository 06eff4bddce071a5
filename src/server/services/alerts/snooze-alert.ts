import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { alertEvents, calendarSyncAlerts, type CalendarSyncAlert } from "../../db/schema";
import { inTransaction, type ServiceContext, type TransactionContext } from "../../service-context";
import { getAlertDtoOrThrow, type AlertDTO } from "./read-alert-dto";
import { authorizeViewer } from "../../actor";
import { BACK_OFFICE_ROLES } from "../../auth/roles";
import { ConflictError, ValidationError, words } from "../../errors";
import { boundedDate } from "../../validation";
import { recordAudit } from "../audit/audit.service";
import { lockAlert } from "./lock-alert";

export const MAX_SNOOZE_DAYS = 30;

/** `{ until }` (a time at most 30 days ahead) or `{ untilChange: true }`: exactly one. */
export const SnoozeInput = z.union([
  z.object({ until: boundedDate() }).strict(),
  z.object({ untilChange: z.literal(true) }).strict(),
]);
export type SnoozeInput = z.infer<typeof SnoozeInput>;

/** Whether an alert is snoozed at `now`: until a time still ahead, or until its error changes. */
export function isSnoozed(alert: Pick<CalendarSyncAlert, "snoozedUntil" | "snoozedUntilChange">, now: Date): boolean {
  return alert.snoozedUntilChange || (alert.snoozedUntil !== null && alert.snoozedUntil.getTime() > now.getTime());
}

/**
 * « Mettre en pause »: an open alert leaves the dashboard and sends no e-mail until the time given, or until its
 * error changes; it keeps counting failures, and a recovery still resolves it. Snoozing again replaces the snooze.
 * Audited and on the timeline.
 */
export async function snoozeAlert(
  ctx: ServiceContext,
  input: { alertId: string; snooze: SnoozeInput; now?: Date },
): Promise<AlertDTO> {
  authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  const { snooze } = input;
  const now = input.now ?? new Date();
  if ("until" in snooze) {
    if (snooze.until.getTime() <= now.getTime())
      throw new ValidationError(words("snoozeInPast"), { until: snooze.until.toISOString() });
    if (snooze.until.getTime() > now.getTime() + MAX_SNOOZE_DAYS * 86_400_000) {
      throw new ValidationError(words("snoozeTooLong", { days: MAX_SNOOZE_DAYS }), {
        until: snooze.until.toISOString(),
      });
    }
  }
  return inTransaction(ctx, async (tx) => {
    const alert = await lockAlert(tx, { alertId: input.alertId, open: true });
    const untilChange = "untilChange" in snooze;
    const until = "until" in snooze ? snooze.until : null;
    await tx.db
      .update(calendarSyncAlerts)
      .set({
        snoozedUntil: until,
        snoozedUntilChange: untilChange,
        snoozedErrorType: untilChange ? alert.errorType : null,
        updatedAt: now,
      })
      .where(eq(calendarSyncAlerts.id, alert.id));
    const data = { until: until?.toISOString() ?? null, untilChange, errorType: alert.errorType };
    await tx.db
      .insert(alertEvents)
      .values({ alertId: alert.id, kind: "snoozed", actorId: tx.actor.id, data, occurredAt: now });
    await recordAudit(tx, {
      action: "calendar_sync_alert.snoozed",
      entityType: "calendar_sync_alert",
      entityId: alert.id,
      data,
    });
    return getAlertDtoOrThrow(tx, alert.id);
  });
}

/** Ends an alert's snooze by hand (« Reprendre »). Not snoozed → ConflictError. In the caller's transaction. */
export async function unsnoozeAlert(
  tx: TransactionContext,
  input: { alertId: string; now: Date },
): Promise<CalendarSyncAlert> {
  authorizeViewer(tx.actor, BACK_OFFICE_ROLES);
  const alert = await lockAlert(tx, { alertId: input.alertId, open: true });
  if (!isSnoozed(alert, input.now)) throw new ConflictError(words("alertNotSnoozed"));
  const [woken] = await tx.db
    .update(calendarSyncAlerts)
    .set({ snoozedUntil: null, snoozedUntilChange: false, snoozedErrorType: null, updatedAt: input.now })
    .where(eq(calendarSyncAlerts.id, alert.id))
    .returning();
  await tx.db
    .insert(alertEvents)
    .values({ alertId: alert.id, kind: "unsnoozed", actorId: tx.actor.id, occurredAt: input.now });
  await recordAudit(tx, {
    action: "calendar_sync_alert.unsnoozed",
    entityType: "calendar_sync_alert",
    entityId: alert.id,
  });
  return woken!;
}

/**
 * The worker's wake-up: alerts whose snooze time has come, at most `limit`, each taken by one worker (SKIP LOCKED),
 * their snooze cleared and a « woke » event written, in the caller's transaction. Returns the woken rows.
 */
export async function wakeDueSnoozes(
  tx: TransactionContext,
  input: { now: Date; limit: number },
): Promise<CalendarSyncAlert[]> {
  const due = tx.db
    .select({ id: calendarSyncAlerts.id })
    .from(calendarSyncAlerts)
    .where(
      sql`${calendarSyncAlerts.status} <> 'resolved' and ${calendarSyncAlerts.snoozedUntil} is not null and ${calendarSyncAlerts.snoozedUntil} <= ${input.now}`,
    )
    .orderBy(calendarSyncAlerts.snoozedUntil)
    .limit(input.limit)
    .for("update", { skipLocked: true });
  const woken = await tx.db
    .update(calendarSyncAlerts)
    .set({ snoozedUntil: null, updatedAt: input.now })
    .where(sql`${calendarSyncAlerts.id} in ${due}`)
    .returning();
  if (woken.length > 0)
    await tx.db.insert(alertEvents).values(
      woken.map((alert) => ({
        alertId: alert.id,
        kind: "woke" as const,
        data: { reason: "time" },
        occurredAt: input.now,
      })),
    );
  return woken;
}
