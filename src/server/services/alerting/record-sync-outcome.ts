import type { SyncOutcomeReport } from "../../shared/sync-outcome";
import { logger } from "../../logger";
import { recordSyncFailure } from "./record-sync-failure";
import { recordConfirmedEmpty } from "./record-confirmed-empty";
import { resolveAlertIfListingHealthy } from "./resolve-if-listing-healthy";
import { openProviderIncidentIfDue } from "./provider-incident-policy";
import { checkBookingConflicts } from "./check-booking-conflicts";
import { closeConflictsOfFeed } from "../conflicts/conflicts.service";
import { inTransaction, type ServiceContext, type TransactionContext } from "../../service-context";

// What the alert's history says when the host's new link closed it.
const HOST_LINK_NOTE = "lien remplacé par l'hôte";

/**
 * What a sync outcome means, decided in the sync's transaction (which holds the listing's lock): a failure counts on
 * the listing's alert (escalation, host notice, Retry-After hint); a confirmed emptiness tells the host; anything
 * healthy closes the listing's alert when none of its feeds fails any more.
 */
export async function recordSyncOutcome(ctx: TransactionContext, outcome: SyncOutcomeReport): Promise<void> {
  if (outcome.kind === "failure") {
    await recordSyncFailure(ctx, outcome);
    return;
  }
  if (outcome.kind === "feed-removed") await closeConflictsOfFeed(ctx, { feedId: outcome.feedId, now: new Date() });
  if (outcome.kind === "healthy" && outcome.confirmedEmpty)
    await recordConfirmedEmpty(ctx, {
      id: outcome.confirmedEmpty.feedId,
      emptySince: outcome.confirmedEmpty.emptySince,
    });
  const how = outcome.kind === "healthy" && outcome.recoveredBy === "host-link" ? "host-link" : "recovery";
  const note =
    how === "host-link"
      ? HOST_LINK_NOTE
      : outcome.kind === "feed-paused"
        ? "calendrier mis en pause par la plateforme"
        : undefined;
  await resolveAlertIfListingHealthy(ctx, { listingId: outcome.listingId, how, note });
}

/**
 * After the sync's transaction has committed, so that failures committed by other workers are seen together: a
 * failure may open its provider's incident. Never throws: the sync is recorded, and the provider's next failure
 * evaluates the rule again.
 */
export async function afterSyncCommitted(ctx: ServiceContext, outcome: SyncOutcomeReport): Promise<void> {
  if (outcome.kind === "healthy" && outcome.imported) {
    await checkBookingConflicts(ctx, {
      listingId: outcome.listingId,
      feedId: outcome.feedId,
      at: outcome.imported.at,
      afterFailuresHours: outcome.imported.afterFailuresHours,
    });
    return;
  }
  if (outcome.kind !== "failure") return;
  try {
    await inTransaction(ctx, (tx) =>
      openProviderIncidentIfDue(tx, {
        providerKey: outcome.feed.providerKey,
        errorType: outcome.errorType,
        now: outcome.occurredAt,
      }),
    );
  } catch (error) {
    logger.error({ err: error, feedId: outcome.feed.id }, "provider incident rule could not be evaluated");
  }
}
