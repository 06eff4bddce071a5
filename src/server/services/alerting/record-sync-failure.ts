import type { Transaction } from "../../db/database";
import { getConfig } from "../../config";
import { countAlertFailure, type CountAlertFailureResult } from "../support/alerts/count-alert-failure";
import { sendEscalationEmail } from "../notifications/send-escalation-email";
import { delayProviderFeeds, findOpenIncident } from "../incidents/incident.service";

export interface SyncFailure {
  feed: { id: string; listingId: string; providerKey: string; label: string };
  /** The feed's consecutive failed syncs, this one included. */
  consecutiveFailures: number;
  errorType: string;
  message: string;
  httpStatus: number | null;
  retryAfterSeconds?: number;
  occurredAt: Date;
}

export type SyncFailureDecision = CountAlertFailureResult & { incidentId: string | null };

/**
 * What one failed sync means, decided in the sync's transaction: it counts on the listing's alert, whose
 * escalation is held back while a provider incident covers the feed; an escalation queues its e-mail; a
 * provider that asked us to wait makes its other feeds wait too. Whether the failure opens an incident is
 * decided once it has committed (openProviderIncidentIfDue).
 */
export async function recordSyncFailure(tx: Transaction, failure: SyncFailure): Promise<SyncFailureDecision> {
  const incident = getConfig().incidents.enabled && failure.feed.providerKey ? await findOpenIncident(tx, failure.feed.providerKey) : null;
  const result = await countAlertFailure(failure.feed.listingId, failure.errorType, failure.message, {
    db: tx,
    feedId: failure.feed.id,
    feedConsecutiveFailures: failure.consecutiveFailures,
    feedLabel: failure.feed.label,
    holdEscalation: incident !== null,
    occurredAt: failure.occurredAt,
  });
  if (result.escalated) await sendEscalationEmail(getConfig().mail.supportEmail, result.alert.id, { db: tx });
  const askedToWait = failure.errorType === "RATE_LIMITED" || failure.httpStatus === 503;
  if (askedToWait && failure.retryAfterSeconds && failure.feed.providerKey) {
    await delayProviderFeeds(tx, failure.feed.providerKey, new Date(failure.occurredAt.getTime() + failure.retryAfterSeconds * 1_000));
  }
  return { ...result, incidentId: incident?.id ?? null };
}
