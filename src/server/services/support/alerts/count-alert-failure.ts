import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { alertFailures, calendarSyncAlerts, type CalendarSyncAlert } from "../../../db/schema";
import { withTransaction, type ServiceContext } from "../../../db/transaction";
import { getConfig } from "../../../config";
import { ValidationError } from "../../../errors";
import { recordAudit } from "../../audit/record-audit";
import { maskUrlsInText } from "../../../shared/mask-url";

const MAX_MESSAGE_LENGTH = 2000;

export const CreateCalendarSyncAlertInput = z.object({
  listingId: z.string().min(1).max(64),
  errorType: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, "code d'erreur en MAJUSCULES_SOULIGNÉES attendu"),
  errorMessage: z.string().min(1),
});

export interface CreateAlertOptions extends ServiceContext {
  /** Failures that escalate the alert; defaults to ALERT_ESCALATION_THRESHOLD. */
  threshold?: number;
  feedId?: string | null;
  /**
   * The failing feed's consecutive failed syncs, this one included, and its label. Given, the alert escalates
   * when that count reaches the threshold (the calendar stayed broken over time), not when the listing's failures
   * summed over its feeds do. Without it (the story's three-argument call) failedAttempts is the count.
   */
  feedConsecutiveFailures?: number;
  feedLabel?: string;
  /** A provider incident covers the feed: the failure counts, but the alert does not escalate (it is marked held). */
  holdEscalation?: boolean;
  occurredAt?: Date;
}

export interface CountAlertFailureResult {
  alert: CalendarSyncAlert;
  /** True when this failure opened a new alert rather than counting on the open one. */
  opened: boolean;
  /** True when this failure moved the alert to escalated (exactly one failure per alert does). */
  escalated: boolean;
}

/**
 * Records one failed sync of a listing: opens its alert or counts on the open one, in one upsert on the
 * partial unique index, so concurrent failures can never create a second open alert. At the threshold the
 * alert moves to escalated; what that sets off (the e-mail) is the alerting policy's, not the store's.
 */
export async function countAlertFailure(
  listingId: string,
  errorType: string,
  errorMessage: string,
  options: CreateAlertOptions = {},
): Promise<CountAlertFailureResult> {
  const parsed = CreateCalendarSyncAlertInput.safeParse({ listingId, errorType, errorMessage });
  if (!parsed.success) throw new ValidationError("Alerte invalide.", parsed.error.issues);
  const threshold = options.threshold ?? getConfig().alerts.escalationThreshold;
  const occurredAt = options.occurredAt ?? new Date();
  const message = maskUrlsInText(parsed.data.errorMessage).slice(0, MAX_MESSAGE_LENGTH);
  const t = calendarSyncAlerts;
  const feedCount = options.feedConsecutiveFailures ?? null;
  const hold = options.holdEscalation === true;

  return withTransaction(options, async (tx) => {
    const [counted] = await tx
      .insert(t)
      .values({ listingId, errorType, errorMessage: message, failedAttempts: 1, firstFailedAt: occurredAt, lastFailedAt: occurredAt, status: "active" })
      .onConflictDoUpdate({
        target: t.listingId,
        targetWhere: sql`${t.status} <> 'resolved'`,
        set: {
          failedAttempts: sql`${t.failedAttempts} + 1`,
          lastFailedAt: sql`greatest(${t.lastFailedAt}, excluded.last_failed_at)`,
          errorType: sql`excluded.error_type`,
          errorMessage: sql`excluded.error_message`,
          updatedAt: sql`now()`,
        },
      })
      .returning();
    if (!counted) throw new Error("alert upsert returned no row");
    let alert = counted;

    // The upsert holds the row's lock until commit, so the status read here is current: the transition to
    // escalated (or to held back) is a conditional update that exactly one failure makes.
    const reaches = feedCount === null ? alert.failedAttempts >= threshold : feedCount >= threshold;
    let escalated = false;
    if (reaches && alert.status === "active" && !hold) {
      const reason = feedCount === null ? `${alert.failedAttempts} échecs de synchronisation` : `${feedCount} échecs consécutifs sur le flux ${options.feedLabel ?? "de l'annonce"}`;
      const [transitioned] = await tx
        .update(t)
        .set({ status: "escalated", escalatedAt: occurredAt, escalationReason: reason })
        .where(and(eq(t.id, alert.id), eq(t.status, "active")))
        .returning();
      if (transitioned) {
        alert = transitioned;
        escalated = true;
      }
    } else if (reaches && alert.status === "active" && hold && alert.escalationHeldAt === null) {
      const [held] = await tx.update(t).set({ escalationHeldAt: occurredAt }).where(and(eq(t.id, alert.id), isNull(t.escalationHeldAt))).returning();
      if (held) alert = held;
    }

    await tx.insert(alertFailures).values({ alertId: alert.id, feedId: options.feedId ?? null, errorType, errorMessage: message, occurredAt });

    const opened = alert.failedAttempts === 1;
    await recordAudit(tx, {
      actorId: null,
      action: opened ? "calendar_sync_alert.opened" : "calendar_sync_alert.failure_counted",
      entityType: "calendar_sync_alert",
      entityId: alert.id,
      data: { listingId, errorType, failedAttempts: alert.failedAttempts, feedId: options.feedId ?? null },
    });

    if (escalated) {
      await recordAudit(tx, {
        actorId: null,
        action: "calendar_sync_alert.escalated",
        entityType: "calendar_sync_alert",
        entityId: alert.id,
        data: { failedAttempts: alert.failedAttempts, threshold, feedConsecutiveFailures: feedCount, reason: alert.escalationReason },
      });
    }
    return { alert, opened, escalated };
  });
}
