import type { ServiceContext } from "../../service-context";
import { resolveWithdrawnListingAlert } from "../alerts/alerts.service";
import { closeConflictsOfListing } from "../conflicts/conflicts.service";
import { recordAlertResolved } from "./alert-events";

const actingName = (actor: ServiceContext["actor"]) =>
  actor.role === "api-key"
    ? `clé API ${actor.name}`
    : actor.role === "admin" || actor.role === "support"
      ? actor.name
      : null;

/**
 * The platform withdrew a listing (its feeds already stopped): its open alert resolves « annonce retirée de la
 * plateforme » (alert.resolved, listing-archived, if it had escalated), and its open conflicts close (the conflict
 * store records conflict.resolved for those that were told). In the withdrawal's transaction.
 */
export async function recordListingWithdrawn(
  ctx: ServiceContext,
  input: { listingId: string; now: Date },
): Promise<void> {
  const resolved = await resolveWithdrawnListingAlert(ctx, { listingId: input.listingId, now: input.now });
  if (resolved) await recordAlertResolved(ctx, { alert: resolved, how: "listing-archived", by: actingName(ctx.actor) });
  await closeConflictsOfListing(ctx, { listingId: input.listingId, now: input.now });
}
