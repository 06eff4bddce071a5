import { authorizeIntegration } from "../../actor";
import { inTransaction, type ServiceContext } from "../../service-context";
import { recordAudit } from "../audit/audit.service";
import { markListingArchived, stopFeedsOfListing } from "../calendar/calendar.service";
import { recordListingWithdrawn } from "../alerting/alerting.service";
import { findListingByExternalId } from "./find-listing";

/**
 * DELETE /api/v1/listings/{externalId}: the listing leaves the platform. Its feeds stop syncing, its open alert
 * resolves « annonce retirée de la plateforme », its conflicts close; its history stays, and it leaves the dashboard
 * and its host's page. A later PUT brings it back. Withdrawing a withdrawn listing changes nothing.
 */
export async function archiveListing(
  ctx: ServiceContext,
  input: { externalId: string; now?: Date },
): Promise<{ id: string; archived: boolean }> {
  authorizeIntegration(ctx.actor, "listings:write");
  return inTransaction(ctx, async (tx) => {
    const listing = await findListingByExternalId(tx, input.externalId, { lock: true });
    if (listing.archived) return { id: listing.id, archived: false };
    const now = input.now ?? new Date();
    await markListingArchived(tx, { listingId: listing.id, now });
    const feedsStopped = await stopFeedsOfListing(tx, { listingId: listing.id, now });
    await recordListingWithdrawn(tx, { listingId: listing.id, now });
    await recordAudit(tx, {
      action: "listing.archived",
      entityType: "listing",
      entityId: listing.id,
      data: { externalId: input.externalId, feedsStopped },
    });
    return { id: listing.id, archived: true };
  });
}
