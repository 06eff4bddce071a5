import type { Database } from "../../db/database";
import type { ProviderIncident } from "../../db/schema";
import { getConfig } from "../../config";
import { findOpenIncident, lastIncidentEnd, NOT_PROVIDER_ERRORS, openIncident, providerFailureStats } from "../incidents/incident.service";
import { sendIncidentEmail } from "../notifications/send-incident-email";

/**
 * Run after a failed sync has committed, so that concurrent failures from several workers all see each other
 * (inside their own transactions they would not): the provider's open incident, or one opened now when, within
 * PROVIDER_INCIDENT_WINDOW_MINUTES, at least PROVIDER_INCIDENT_MIN_FEEDS feeds failed and they are at least
 * PROVIDER_INCIDENT_RATIO of the provider's feeds synced (since its last incident ended, if later). The call that
 * opens it queues its one e-mail.
 */
export async function openProviderIncidentIfDue(db: Database, providerKey: string, errorType: string, now: Date): Promise<ProviderIncident | null> {
  const { incidents } = getConfig();
  if (!incidents.enabled || !providerKey || NOT_PROVIDER_ERRORS.includes(errorType)) return null;
  const open = await findOpenIncident(db, providerKey);
  if (open) return open;
  // The window starts no earlier than the end of the provider's last incident: its failures are not new ones.
  const windowStart = new Date(now.getTime() - incidents.windowMinutes * 60_000);
  const lastEnd = await lastIncidentEnd(db, providerKey);
  const stats = await providerFailureStats(db, providerKey, lastEnd && lastEnd > windowStart ? lastEnd : windowStart);
  if (stats.feedsFailing < incidents.minFeeds || stats.feedsFailing < incidents.ratio * stats.feedsSynced) return null;
  const { incident, opened } = await openIncident(db, providerKey, stats, now, incidents.probeIntervalSeconds);
  if (opened) await sendIncidentEmail(db, "opened", incident);
  return incident;
}
