import type { SyncOutcomeReport } from "../../shared/sync-outcome";
import { getConfig } from "../../config";
import { isSnoozed, markHostNotified, type CountAlertFailureResult } from "../alerts/alerts.service";
import { countFailure } from "./count-failure";
import { readListingOwner } from "./read-listing-feeds";
import { recordAudit } from "../audit/audit.service";
import { noticesHostOnFailures } from "../../shared/sync-error-types";
import { hostNoticeKey, recordHostNotice } from "./alert-events";
import { findOpenIncident, hintRetryAfter } from "../incidents/incidents.service";
import type { TransactionContext } from "../../service-context";

/** A failed sync, as the sync engine reports it. */
export type SyncFailure = Omit<Extract<SyncOutcomeReport, { kind: "failure" }>, "kind">;

export type SyncFailureDecision = CountAlertFailureResult & { incidentId: string | null; hostNotified: boolean };

/**
 * What one failed sync means, decided in the sync's transaction: it counts on the listing's alert, whose
 * escalation is held back while a provider incident covers the feed; an escalation is recorded as an event; a
 * provider that asked us to wait makes the owner's other feeds of it wait too (the whole provider once enough
 * owners were told: PROVIDER_HOLD_MIN_OWNERS). Whether the failure opens an incident is decided once it has
 * committed (openProviderIncidentIfDue).
 */
export async function recordSyncFailure(ctx: TransactionContext, failure: SyncFailure): Promise<SyncFailureDecision> {
  const incident =
    getConfig().incidents.enabled && failure.feed.providerKey
      ? await findOpenIncident(ctx, failure.feed.providerKey)
      : null;
  const result = await countFailure(ctx, {
    listingId: failure.feed.listingId,
    errorType: failure.errorType,
    errorMessage: failure.message,
    feedId: failure.feed.id,
    feedConsecutiveFailures: failure.consecutiveFailures,
    feedLabel: failure.feed.label,
    holdEscalation: incident !== null,
    occurredAt: failure.occurredAt,
  });
  // Errors only the host can fix get the host a plain-language notice, once per alert, after a few failures in a
  // row: never for transient errors, never while a provider incident covers the feed or support snoozed the alert.
  let hostNotified = false;
  if (
    noticesHostOnFailures(failure.errorType) &&
    incident === null &&
    !isSnoozed(result.alert, failure.occurredAt) &&
    failure.consecutiveFailures >= getConfig().alerts.hostNoticeAfterFailures
  ) {
    if (await markHostNotified(ctx, { alertId: result.alert.id, now: failure.occurredAt, notBefore: null })) {
      hostNotified = await recordHostNotice(ctx, {
        key: hostNoticeKey(result.alert.id, failure.occurredAt),
        feedId: failure.feed.id,
        errorType: failure.errorType,
      });
      await recordAudit(ctx, {
        actorId: null,
        action: "calendar_sync_alert.host_notified",
        entityType: "calendar_sync_alert",
        entityId: result.alert.id,
        data: { feedId: failure.feed.id, errorType: failure.errorType },
      });
    }
  }
  const askedToWait = failure.errorType === "RATE_LIMITED" || failure.httpStatus === 503;
  if (askedToWait && failure.retryAfterSeconds && failure.feed.providerKey) {
    const until = new Date(failure.occurredAt.getTime() + failure.retryAfterSeconds * 1_000);
    const ownerId = await readListingOwner(ctx, failure.feed.listingId);
    if (ownerId)
      await hintRetryAfter(ctx, {
        providerKey: failure.feed.providerKey,
        ownerId,
        until,
        at: failure.occurredAt,
      });
  }
  return { ...result, incidentId: incident?.id ?? null, hostNotified };
}
