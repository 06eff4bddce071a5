import { eq } from "drizzle-orm";
import { isEntityId } from "../../../validation";
import { listings, type Listing } from "../../../db/schema";
import { NotFoundError } from "../../../errors";
import { authorizeViewer } from "../../../actor";
import type { ServiceContext } from "../../../service-context";

/** Who manages a listing's feeds: its host, or an admin. */
export const LISTING_MANAGERS = ["host", "admin"] as const;

/**
 * The listing, if the acting user owns it or is an admin. Someone else's listing is « not found », like a missing
 * one: a 403 told a host which ids exist.
 */
export async function getOwnedListingOrThrow(ctx: ServiceContext, listingId: string): Promise<Listing> {
  const actor = authorizeViewer(ctx.actor, LISTING_MANAGERS);
  if (!isEntityId(listingId)) throw new NotFoundError("Annonce", listingId);
  const [listing] = await ctx.db.select().from(listings).where(eq(listings.id, listingId)).limit(1);
  if (!listing || (actor.role !== "admin" && listing.ownerId !== actor.id)) throw new NotFoundError("Annonce", listingId);
  return listing;
}
