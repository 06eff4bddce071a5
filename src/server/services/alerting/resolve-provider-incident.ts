import type { ProviderIncident } from "../../db/schema";
import { inTransaction, type ServiceContext } from "../../service-context";
import { getConfig } from "../../config";
import { ConflictError, NotFoundError, words } from "../../errors";
import { authorizeViewer } from "../../actor";
import { BACK_OFFICE_ROLES } from "../../auth/roles";
import { isEntityId } from "../../validation";
import { recordAudit } from "../audit/audit.service";
import {
  getIncident,
  recordProbeOutcome,
  rescheduleProviderFeeds,
  resolveIncident,
  type ProbeOutcome,
  type IncidentResolutionKind,
} from "../incidents/incidents.service";
import { recordIncidentEvent } from "./incident-events";

// Feeds of a provider back from an outage come due over a few minutes (at most 5, at most one sync interval), so
// its recovery is not a stampede.
const recoverySpreadMinutes = () => Math.min(5, getConfig().sync.intervalMinutes);

export async function closeIncident(
  ctx: ServiceContext,
  input: { incidentId: string; kind: IncidentResolutionKind; now: Date },
): Promise<ProviderIncident | null> {
  const { incidentId, kind, now } = input;
  const resolved = await resolveIncident(ctx, { incidentId, resolution: { by: ctx.actor.id, kind }, now });
  if (!resolved) return null;
  await rescheduleProviderFeeds(ctx, {
    providerKey: resolved.providerKey,
    now,
    spreadMinutes: recoverySpreadMinutes(),
  });
  await recordIncidentEvent(ctx, { kind: "resolved", incident: resolved });
  await recordAudit(ctx, {
    action: "provider_incident.resolved",
    entityType: "provider_incident",
    entityId: incidentId,
    data: { providerKey: resolved.providerKey, resolution: kind },
  });
  return resolved;
}

// Successes of one owner's feeds prove nothing of the provider: that host may be the only one it serves well.
const RECOVERY_MIN_OWNERS = 2;

/**
 * A probe's result: after PROVIDER_RECOVERY_PROBES successes in a row, on feeds of at least two owners, the incident
 * resolves by itself, its feeds are rescheduled spread over a few minutes, and incident.resolved is recorded. A probe
 * whose feed failed for its host's own reason (a 404) is inconclusive: it neither counts nor starts the count again.
 */
export async function recordProbeResult(
  ctx: ServiceContext,
  input: {
    incidentId: string;
    owner: string;
    probe: { outcome: ProbeOutcome; feedOwnerId: string | null; detail: string };
    now?: Date;
  },
): Promise<{ resolved: boolean }> {
  const { incidentId, owner, probe } = input;
  const now = input.now ?? new Date();
  const { incidents } = getConfig();
  return inTransaction(ctx, async (tx) => {
    const updated = await recordProbeOutcome(tx, {
      incidentId,
      owner,
      probe,
      now,
      probeIntervalSeconds: incidents.probeIntervalSeconds,
    });
    if (
      !updated ||
      updated.consecutiveProbeSuccesses < incidents.recoveryProbes ||
      updated.probeSuccessOwnerIds.length < RECOVERY_MIN_OWNERS
    )
      return { resolved: false };
    return { resolved: (await closeIncident(tx, { incidentId, kind: "probes", now })) !== null };
  });
}

/** « Clore l'incident »: support closes it by hand (audited), which closes the breaker. 404 unknown, 409 already closed. */
export async function resolveIncidentByHand(ctx: ServiceContext, incidentId: string): Promise<ProviderIncident> {
  authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  if (!isEntityId(incidentId)) throw new NotFoundError("Incident", incidentId);
  return inTransaction(ctx, async (tx) => {
    const existing = await getIncident(tx, incidentId);
    if (!existing) throw new NotFoundError("Incident", incidentId);
    const resolved = await closeIncident(tx, { incidentId, kind: "manual", now: new Date() });
    if (!resolved)
      throw new ConflictError(words("incidentClosed"), {
        resolvedAt: existing.resolvedAt?.toISOString() ?? null,
      });
    return resolved;
  });
}
