import { and, eq, inArray } from "drizzle-orm";
import { exportLinks, type ExportLink } from "../../db/schema";
import { getConfig } from "../../config";
import { NotFoundError } from "../../errors";
import { isEntityId } from "../../validation";
import { EXPORT_DESTINATION_CODES, type ExportDestination } from "../../shared/export-destinations";
import { authorizeViewer, localeOf } from "../../actor";
import { getOwnedListingOrThrow, LISTING_MANAGERS } from "../calendar/calendar.service";
import { recordAudit } from "../audit/audit.service";
import { inTransaction, type ServiceContext } from "../../service-context";
import { newExportToken } from "./export-token";
import { toExportLinkDto, type ExportLinkDTO } from "./export-link-dto";
import { readManagedListings } from "./read-managed-listings";

const DESTINATION_ORDER = new Map(EXPORT_DESTINATION_CODES.map((code, index) => [code, index]));
const byDestination = (a: ExportLink, b: ExportLink) =>
  DESTINATION_ORDER.get(a.destination)! - DESTINATION_ORDER.get(b.destination)!;

/**
 * The listing's export links, one per destination, made on first sight (each with its own token). For its host, an
 * admin, or the platform's listings:write key; someone else's listing is « not found ».
 */
export async function listExportLinks(
  ctx: ServiceContext,
  input: { listingId: string; now?: Date },
): Promise<ExportLinkDTO[]> {
  const now = input.now ?? new Date();
  await getOwnedListingOrThrow(ctx, input.listingId);
  return (await ensureExportLinks(ctx, input.listingId)).map((link) => toExportLinkDto(link, now, localeOf(ctx.actor)));
}

/** A new link's row: its own token, hashed and encrypted. */
function newLinkRow(listingId: string, destination: ExportDestination) {
  const token = newExportToken();
  return { listingId, destination, tokenHash: token.hash, tokenCiphertext: token.ciphertext };
}

/** The listing's links, the missing destinations added; of two requests adding them at once, the unique index keeps one. */
export async function ensureExportLinks(ctx: ServiceContext, listingId: string): Promise<ExportLink[]> {
  const read = () => ctx.db.select().from(exportLinks).where(eq(exportLinks.listingId, listingId));
  const existing = await read();
  const missing = EXPORT_DESTINATION_CODES.filter((code) => !existing.some((link) => link.destination === code));
  if (missing.length === 0) return existing.sort(byDestination);
  await ctx.db
    .insert(exportLinks)
    .values(missing.map((destination) => newLinkRow(listingId, destination)))
    .onConflictDoNothing({ target: [exportLinks.listingId, exportLinks.destination] });
  return (await read()).sort(byDestination);
}

/**
 * « Régénérer »: a new token for the link; the one it replaces keeps answering for EXPORT_LINK_GRACE_DAYS, so the host
 * has time to paste the new one (a second rotation within that time ends the first one's grace). Audited.
 */
export async function rotateExportLink(
  ctx: ServiceContext,
  input: { listingId: string; linkId: string; now?: Date },
): Promise<ExportLinkDTO> {
  const now = input.now ?? new Date();
  await getOwnedListingOrThrow(ctx, input.listingId);
  if (!isEntityId(input.linkId)) throw new NotFoundError("Lien d'export", input.linkId);
  const token = newExportToken();
  const graceUntil = new Date(now.getTime() + getConfig().exports.graceDays * 86_400_000);
  return inTransaction(ctx, async (tx) => {
    const [current] = await tx.db
      .select()
      .from(exportLinks)
      .where(and(eq(exportLinks.id, input.linkId), eq(exportLinks.listingId, input.listingId)))
      .for("update");
    if (!current) throw new NotFoundError("Lien d'export", input.linkId);
    const [rotated] = await tx.db
      .update(exportLinks)
      .set({
        tokenHash: token.hash,
        tokenCiphertext: token.ciphertext,
        previousTokenHash: current.tokenHash,
        previousValidUntil: graceUntil,
        rotatedAt: now,
        updatedAt: now,
      })
      .where(eq(exportLinks.id, current.id))
      .returning();
    await recordAudit(tx, {
      action: "export_link.rotated",
      entityType: "listing",
      entityId: input.listingId,
      data: { linkId: current.id, destination: current.destination, previousValidUntil: graceUntil.toISOString() },
    });
    return toExportLinkDto(rotated!, now, localeOf(ctx.actor));
  });
}

/**
 * The links of the host's listings shown on a page (« Mes calendriers »), in destination order: the listings the
 * viewer manages among those asked (a host's own, any for an admin; others are left out), their missing links made,
 * in three statements whatever the number of listings.
 */
export async function exportLinksOfListings(
  ctx: ServiceContext,
  input: { listingIds: string[]; now?: Date },
): Promise<Map<string, ExportLinkDTO[]>> {
  const viewer = authorizeViewer(ctx.actor, LISTING_MANAGERS);
  const now = input.now ?? new Date();
  const managed = [
    ...(await readManagedListings(ctx, {
      listingIds: input.listingIds.filter(isEntityId),
      ownerId: viewer.role === "admin" ? null : viewer.id,
    })),
  ];
  const byListing = new Map<string, ExportLinkDTO[]>();
  if (managed.length === 0) return byListing;
  const read = () => ctx.db.select().from(exportLinks).where(inArray(exportLinks.listingId, managed));
  let links = await read();
  const missing = managed.flatMap((listingId) =>
    EXPORT_DESTINATION_CODES.filter(
      (destination) => !links.some((link) => link.listingId === listingId && link.destination === destination),
    ).map((destination) => newLinkRow(listingId, destination)),
  );
  if (missing.length > 0) {
    await ctx.db
      .insert(exportLinks)
      .values(missing)
      .onConflictDoNothing({ target: [exportLinks.listingId, exportLinks.destination] });
    links = await read();
  }
  for (const listingId of managed)
    byListing.set(
      listingId,
      links
        .filter((link) => link.listingId === listingId)
        .sort(byDestination)
        .map((link) => toExportLinkDto(link, now, localeOf(ctx.actor))),
    );
  return byListing;
}
