import type { CalendarSyncAlert } from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import { directionOf, type SyncErrorType } from "../../shared/sync-error-types";
import { readHostNoticeFacts } from "./read-host-notice-facts";
import { readListingRisk } from "./read-listing-risk";
import { recordEvent, type AlertResolution } from "../events/events.service";

/** The notice about an alert marked at `at` (the first one, or an allowed resend): each exists once. */
export const hostNoticeKey = (alertId: string, at: Date) => `host-notice:${alertId}:${at.toISOString()}`;

/** Records alert.escalated, with the listing's failing providers and arrival at risk. In the escalation's transaction. */
export async function recordAlertEscalated(ctx: ServiceContext, input: { alert: CalendarSyncAlert }): Promise<boolean> {
  const { alert } = input;
  const risk = await readListingRisk(ctx, alert.listingId);
  return recordEvent(ctx, {
    type: "alert.escalated",
    alert: {
      id: alert.id,
      direction: directionOf(alert.errorType),
      listing: { id: alert.listingId, title: risk.title },
      errorType: alert.errorType,
      errorMessage: alert.errorMessage,
      failedAttempts: alert.failedAttempts,
      escalationReason: alert.escalationReason,
      firstFailedAt: alert.firstFailedAt.toISOString(),
      lastFailedAt: alert.lastFailedAt.toISOString(),
    },
    risk: { nextArrivalAt: risk.nextArrivalAt },
    providers: risk.failingProviders,
  });
}

/**
 * Records alert.resolved for an alert that had escalated (one that never did told nobody, and says nothing now):
 * how, by whom, with the note of a resolution by hand. In the resolution's transaction.
 */
export async function recordAlertResolved(
  ctx: ServiceContext,
  input: {
    alert: Pick<
      CalendarSyncAlert,
      "id" | "listingId" | "escalatedAt" | "failedAttempts" | "resolvedAt" | "resolutionNote" | "errorType"
    >;
    how: AlertResolution;
    by: string | null;
  },
): Promise<boolean> {
  const { alert } = input;
  if (!alert.escalatedAt || !alert.resolvedAt) return false;
  const risk = await readListingRisk(ctx, alert.listingId);
  return recordEvent(ctx, {
    type: "alert.resolved",
    alert: {
      id: alert.id,
      direction: directionOf(alert.errorType),
      listing: { id: alert.listingId, title: risk.title },
      how: input.how,
      by: input.by,
      note: input.how === "by-hand" ? alert.resolutionNote : null,
      failedAttempts: alert.failedAttempts,
      escalatedAt: alert.escalatedAt.toISOString(),
      resolvedAt: alert.resolvedAt.toISOString(),
    },
    risk: { nextArrivalAt: risk.nextArrivalAt },
    providers: risk.failingProviders,
  });
}

/** Records the host's plain-language notice about a feed, once per key. */
export async function recordHostNotice(
  ctx: ServiceContext,
  input: { key: string; feedId: string; errorType: SyncErrorType },
): Promise<boolean> {
  const notice = await readHostNoticeFacts(ctx, { feedId: input.feedId, errorType: input.errorType });
  return recordEvent(ctx, { type: "host.notice", key: input.key, notice });
}
