import type { ProviderIncident } from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import { recordEvent } from "../events/events.service";

/** Records incident.opened or incident.resolved, with the incident's counts as they stand. In its transaction. */
export async function recordIncidentEvent(
  ctx: ServiceContext,
  input: { kind: "opened" | "resolved"; incident: ProviderIncident },
): Promise<boolean> {
  const { incident } = input;
  return recordEvent(ctx, {
    type: input.kind === "opened" ? "incident.opened" : "incident.resolved",
    incident: {
      id: incident.id,
      providerKey: incident.providerKey,
      status: incident.status,
      resolution: incident.resolution,
      openedAt: incident.openedAt.toISOString(),
      resolvedAt: incident.resolvedAt?.toISOString() ?? null,
      feedsFailing: incident.feedsFailing,
      feedsSynced: incident.feedsSynced,
      listingsFailing: incident.listingsFailing,
      errorCounts: incident.errorCounts,
    },
  });
}
