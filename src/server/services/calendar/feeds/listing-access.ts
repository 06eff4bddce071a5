import { eq } from "drizzle-orm";
import { isEntityId } from "../../../validation";
import { listings, type Listing } from "../../../db/schema";
import type { Database } from "../../../db/database";
import type { UserRole } from "../../../db/schema/users";
import { NotFoundError } from "../../../errors";

export interface Actor {
  id: string;
  role: UserRole;
}

/** The listing, if the actor owns it or is an admin. Someone else's listing is « not found », like a missing one: a 403 told a host which ids exist. */
export async function getOwnedListingOrThrow(db: Database, listingId: string, actor: Actor): Promise<Listing> {
  if (!isEntityId(listingId)) throw new NotFoundError("Annonce", listingId);
  const [listing] = await db.select().from(listings).where(eq(listings.id, listingId)).limit(1);
  if (!listing || (actor.role !== "admin" && listing.ownerId !== actor.id)) throw new NotFoundError("Annonce", listingId);
  return listing;
}
