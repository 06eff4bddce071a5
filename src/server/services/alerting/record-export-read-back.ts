import type { ExportDestination } from "../../shared/export-destinations";
import { inTransaction, type ServiceContext } from "../../service-context";
import { closeExportIncidentIfDue } from "./export-incident-policy";
import { resolveAlertIfListingHealthy } from "./resolve-if-listing-healthy";

/**
 * A stale export link was read again: the listing's alert resolves by itself if nothing else of the listing fails
 * (alert.resolved if it had escalated), and the destination's export incident closes once reads are back.
 */
export async function recordExportReadBack(
  ctx: ServiceContext,
  input: { listingId: string; destination: ExportDestination; now: Date },
): Promise<void> {
  await inTransaction(ctx, (tx) =>
    resolveAlertIfListingHealthy(tx, {
      listingId: input.listingId,
      how: "recovery",
      note: "Le lien d'export est de nouveau lu par la plateforme.",
    }),
  );
  await closeExportIncidentIfDue(ctx, { destination: input.destination, now: input.now });
}
