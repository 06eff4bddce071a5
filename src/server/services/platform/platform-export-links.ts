import { listExportLinks, type ExportLinkDTO } from "../exports/exports.service";
import type { ServiceContext } from "../../service-context";
import { findListingByExternalId } from "./find-listing";

/** The export links of the platform's listing, by its own id (a listings:write key); a withdrawn listing is a 409. */
export async function listPlatformExportLinks(ctx: ServiceContext, externalId: string): Promise<ExportLinkDTO[]> {
  const listing = await findListingByExternalId(ctx, externalId);
  return listExportLinks(ctx, { listingId: listing.id });
}
