import { eq } from "drizzle-orm";
import { isEntityId } from "../../../validation";
import { listings, type Listing } from "../../../db/schema";
import { ConflictError, NotFoundError, words } from "../../../errors";
import { authorizeIntegration, authorizeViewer } from "../../../actor";
import type { ServiceContext } from "../../../service-context";

/** Who manages a listing's feeds: its host, or an admin (and the platform, through a listings:write key). */
export const LISTING_MANAGERS = ["host", "admin"] as const;

/**
 * The listing, if the acting user owns it or is an admin, or the actor is the platform (a listings:write key, the
 * command line). Someone else's listing is « not found », like a missing one: a 403 told a host which ids exist. A
 * withdrawn listing is gone for its host, and refuses new feeds from anyone else (409).
 */
export async function getOwnedListingOrThrow(ctx: ServiceContext, listingId: string): Promise<Listing> {
  const actor =
    ctx.actor.role === "api-key" || ctx.actor.role === "system"
      ? authorizeIntegration(ctx.actor, "listings:write")
      : authorizeViewer(ctx.actor, LISTING_MANAGERS);
  if (!isEntityId(listingId)) throw new NotFoundError("Annonce", listingId);
  const [listing] = await ctx.db.select().from(listings).where(eq(listings.id, listingId)).limit(1);
  if (!listing || (actor.role === "host" && (listing.ownerId !== actor.id || listing.archivedAt !== null)))
    throw new NotFoundError("Annonce", listingId);
  if (listing.archivedAt !== null) throw new ConflictError(words("listingWithdrawn"));
  return listing;
}
