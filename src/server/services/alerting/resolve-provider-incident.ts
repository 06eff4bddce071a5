import type { Database } from "../../db/database";
import type { ProviderIncident } from "../../db/schema";
import { withTransaction, type ServiceContext } from "../../db/transaction";
import { getConfig } from "../../config";
import { ConflictError, NotFoundError } from "../../errors";
import { authorizeViewer, type Viewer } from "../../auth/viewer";
import { BACK_OFFICE_ROLES } from "../../auth/roles";
import { isEntityId } from "../../validation";
import { recordAudit } from "../audit/record-audit";
import { getIncident, recordProbeOutcome, rescheduleProviderFeeds, resolveIncident, type ProbeOutcome } from "../incidents/incidents.service";
import { sendIncidentEmail } from "../notifications/send-incident-email";

// Feeds of a provider back from an outage come due over a few minutes (at most 5, at most one sync interval), so
// its recovery is not a stampede.
const recoverySpreadMinutes = () => Math.min(5, getConfig().sync.intervalMinutes);

async function closeIncident(db: Database, incidentId: string, by: { userId: string | null; kind: "probes" | "manual" }, now: Date): Promise<ProviderIncident | null> {
  const resolved = await resolveIncident(db, incidentId, { by: by.userId, kind: by.kind }, now);
  if (!resolved) return null;
  await rescheduleProviderFeeds(db, resolved.providerKey, now, recoverySpreadMinutes());
  await sendIncidentEmail(db, "resolved", resolved);
  await recordAudit(db, { actorId: by.userId, action: "provider_incident.resolved", entityType: "provider_incident", entityId: incidentId, data: { providerKey: resolved.providerKey, resolution: by.kind } });
  return resolved;
}

// Successes of one owner's feeds prove nothing of the provider: that host may be the only one it serves well.
const RECOVERY_MIN_OWNERS = 2;

/**
 * A probe's result: after PROVIDER_RECOVERY_PROBES successes in a row, on feeds of at least two owners, the incident
 * resolves by itself, its feeds are rescheduled spread over a few minutes, and the second e-mail is queued. A probe
 * whose feed failed for its host's own reason (a 404) is inconclusive: it neither counts nor starts the count again.
 */
export async function recordProbeResult(
  incidentId: string,
  owner: string,
  probe: { outcome: ProbeOutcome; feedOwnerId: string | null; detail: string; now?: Date },
  ctx: ServiceContext,
): Promise<{ resolved: boolean }> {
  const now = probe.now ?? new Date();
  const { incidents } = getConfig();
  return withTransaction(ctx, async (tx) => {
    const updated = await recordProbeOutcome(tx, incidentId, owner, probe, now, incidents.probeIntervalSeconds);
    if (!updated || updated.consecutiveProbeSuccesses < incidents.recoveryProbes || updated.probeSuccessOwnerIds.length < RECOVERY_MIN_OWNERS) return { resolved: false };
    return { resolved: (await closeIncident(tx, incidentId, { userId: null, kind: "probes" }, now)) !== null };
  });
}

/** « Clore l'incident »: support closes it by hand (audited), which closes the breaker. 404 unknown, 409 already closed. */
export async function resolveIncidentByHand(viewer: Viewer, incidentId: string, ctx: ServiceContext): Promise<ProviderIncident> {
  authorizeViewer(viewer, BACK_OFFICE_ROLES);
  if (!isEntityId(incidentId)) throw new NotFoundError("Incident", incidentId);
  return withTransaction(ctx, async (tx) => {
    const existing = await getIncident(tx, incidentId);
    if (!existing) throw new NotFoundError("Incident", incidentId);
    const resolved = await closeIncident(tx, incidentId, { userId: viewer.id, kind: "manual" }, new Date());
    if (!resolved) throw new ConflictError("Cet incident est déjà clos.", { resolvedAt: existing.resolvedAt?.toISOString() ?? null });
    return resolved;
  });
}
