import type { ProviderIncident } from "../../db/schema";
import { getConfig } from "../../config";
import { findOpenIncident, lastIncidentEnd, openIncident } from "../incidents/incidents.service";
import { providerFailureStats } from "./read-provider-stats";
import { isProviderFailure, type SyncErrorType } from "../../shared/sync-error-types";
import { recordIncidentEvent } from "./incident-events";
import type { ServiceContext } from "../../service-context";

/**
 * Run after a failed sync has committed, so that concurrent failures from several workers all see each other
 * (inside their own transactions they would not): the provider's open incident, or one opened now when, within
 * PROVIDER_INCIDENT_WINDOW_MINUTES (since its last incident ended, if later):
 * - feeds of at least PROVIDER_INCIDENT_MIN_OWNERS owners failed with the provider's errors (not a host's 404);
 * - counting at most PROVIDER_INCIDENT_MAX_FEEDS_PER_OWNER feeds per owner, at least PROVIDER_INCIDENT_MIN_FEEDS
 *   failed, and at least PROVIDER_INCIDENT_RATIO of those synced.
 * So no single host, however many feeds it adds, opens one. After support closed one by hand, the same provider
 * waits a whole window before another can open. The call that opens it records incident.opened.
 */
export async function openProviderIncidentIfDue(
  ctx: ServiceContext,
  input: { providerKey: string; errorType: SyncErrorType; now: Date },
): Promise<ProviderIncident | null> {
  const { providerKey, errorType, now } = input;
  const { incidents } = getConfig();
  if (!incidents.enabled || !providerKey || !isProviderFailure(errorType)) return null;
  const open = await findOpenIncident(ctx, providerKey);
  if (open) return open;
  // The window starts no earlier than the end of the provider's last incident: its failures are not new ones.
  const windowStart = new Date(now.getTime() - incidents.windowMinutes * 60_000);
  const lastEnd = await lastIncidentEnd(ctx, providerKey);
  if (lastEnd?.manual && lastEnd.at > windowStart) return null;
  const stats = await providerFailureStats(ctx, {
    providerKey,
    since: lastEnd && lastEnd.at > windowStart ? lastEnd.at : windowStart,
    maxFeedsPerOwner: incidents.maxFeedsPerOwner,
  });
  if (
    stats.ownersFailing < incidents.minOwners ||
    stats.countedFailing < incidents.minFeeds ||
    stats.countedFailing < incidents.ratio * stats.countedSynced
  )
    return null;
  const { incident, opened } = await openIncident(ctx, {
    providerKey,
    stats,
    now,
    probeIntervalSeconds: incidents.probeIntervalSeconds,
  });
  if (opened) await recordIncidentEvent(ctx, { kind: "opened", incident });
  return incident;
}
