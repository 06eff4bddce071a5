import type { ExportLink } from "../../db/schema";
import { destinationInWords } from "../../shared/export-destinations";
import { DEFAULT_LOCALE, type Locale } from "../../../i18n/locales";
import { exportReaderLabel } from "../../shared/export-readers";
import { exportLinkState, type ExportLinkState } from "./export-link-state";
import { exportUrlOf, maskedExportUrlOf, revealExportToken } from "./export-token";

export interface ExportLinkDTO {
  id: string;
  listingId: string;
  destination: ExportLink["destination"];
  destinationLabel: string;
  /** The link itself: only for the listing's host, an admin and the platform's key, who paste it at the destination. */
  url: string;
  maskedUrl: string;
  createdAt: string;
  rotatedAt: string | null;
  /** The link replaced by the last « Régénérer » answers until then. */
  previousLinkValidUntil: string | null;
  state: ExportLinkState;
  lastReadAt: string | null;
  lastReader: string | null;
  /** « Airbnb », « un lecteur inconnu »: what follows « lu par ». */
  lastReaderLabel: string | null;
  lastReadStatus: number | null;
  staleSince: string | null;
}

export function toExportLinkDto(link: ExportLink, now: Date, locale: Locale = DEFAULT_LOCALE): ExportLinkDTO {
  const token = revealExportToken(link.tokenCiphertext);
  return {
    id: link.id,
    listingId: link.listingId,
    destination: link.destination,
    destinationLabel: destinationInWords(link.destination, locale).label,
    url: exportUrlOf(token),
    maskedUrl: maskedExportUrlOf(token),
    createdAt: link.createdAt.toISOString(),
    rotatedAt: link.rotatedAt?.toISOString() ?? null,
    previousLinkValidUntil:
      link.previousValidUntil && link.previousValidUntil > now ? link.previousValidUntil.toISOString() : null,
    state: exportLinkState(link, now),
    lastReadAt: link.lastReadAt?.toISOString() ?? null,
    lastReader: link.lastReader,
    lastReaderLabel: link.lastReadAt ? exportReaderLabel(link.lastReader, locale) : null,
    lastReadStatus: link.lastReadStatus,
    staleSince: link.staleSince?.toISOString() ?? null,
  };
}
