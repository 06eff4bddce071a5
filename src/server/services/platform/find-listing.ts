import { findListingsByExternalIds } from "../calendar/calendar.service";
import { NotFoundError } from "../../errors";
import type { ServiceContext } from "../../service-context";
import { ExternalId } from "./listing-input";

export interface PlatformListingRow {
  id: string;
  title: string;
  archived: boolean;
}

/** Our listing for the platform's id (archived ones included); 404 for an id it never sent or a malformed one. */
export async function findListingByExternalId(
  ctx: ServiceContext,
  externalId: string,
  options: { lock?: boolean } = {},
): Promise<PlatformListingRow> {
  if (!ExternalId.safeParse(externalId).success) throw new NotFoundError("Annonce", externalId);
  const [row] = await findListingsByExternalIds(ctx, [externalId], options);
  if (!row) throw new NotFoundError("Annonce", externalId);
  return { id: row.id, title: row.title, archived: row.archived };
}
