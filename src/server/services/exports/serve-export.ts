import { getConfig } from "../../config";
import { logger } from "../../logger";
import { exportReaderOf, truncateAddress } from "../../shared/export-readers";
import { recordExportReadBack } from "../alerting/alerting.service";
import type { ServiceContext } from "../../service-context";
import { etagMatches, exportEtag, renderExportCalendar } from "./export-calendar";
import { hashExportToken, isExportTokenShaped } from "./export-token";
import { readExportCalendar } from "./read-export-calendar";
import { READ_RECORD_INTERVAL_MS, recordExportRead } from "./record-export-read";
import { UnknownTokenLimiter } from "./unknown-token-limiter";

export type ExportAnswer =
  { status: 200; etag: string; body: string } | { status: 304; etag: string } | { status: 404 } | { status: 429 };

export interface ExportRequest {
  /** The last path segment without « .ics ». */
  token: string;
  ifNoneMatch: string | null;
  userAgent: string | null;
  /** The client's address as the server saw it (or the proxy said, with TRUST_PROXY). */
  address: string | null;
  now?: Date;
}

const limiter = new UnknownTokenLimiter(() => getConfig().exports.unknownTokensPerMinutePerAddress);

/**
 * GET /ical/{token}.ics, anyone with the link: the calendar, or 304 when the reader has it; 404 for a token no link
 * answers to (unknown, replaced past its grace, listing withdrawn: one lookup by hash, the same for all); 429 for an
 * address past EXPORT_READS_PER_MINUTE_PER_ADDRESS unknown tokens, answered without the database. Each read is
 * recorded (a minute after the last at the earliest); a stale link read again resolves its alert.
 */
export async function serveExport(ctx: ServiceContext, request: ExportRequest): Promise<ExportAnswer> {
  const now = request.now ?? new Date();
  const address = request.address ?? "unknown";
  if (limiter.isBlocked(address, now)) return { status: 429 };
  const calendar = isExportTokenShaped(request.token)
    ? await readExportCalendar(ctx, { tokenHash: hashExportToken(request.token), now })
    : null;
  if (!calendar) {
    limiter.count(address, now);
    return { status: 404 };
  }
  const etag = exportEtag(calendar);
  const notModified = etagMatches(request.ifNoneMatch, etag);
  if (!calendar.lastReadAt || now.getTime() - calendar.lastReadAt.getTime() >= READ_RECORD_INTERVAL_MS) {
    await recordRead(ctx, {
      linkId: calendar.linkId,
      at: now,
      status: notModified ? 304 : 200,
      reader: exportReaderOf(request.userAgent),
      userAgent: request.userAgent,
      clientNetwork: truncateAddress(request.address),
      previousToken: calendar.previousToken,
    });
  }
  return notModified ? { status: 304, etag } : { status: 200, etag, body: renderExportCalendar(calendar) };
}

// The destination gets its calendar even when the read cannot be recorded (the worker's sweep settles the alert).
async function recordRead(ctx: ServiceContext, read: Parameters<typeof recordExportRead>[1]): Promise<void> {
  try {
    const recorded = await recordExportRead(ctx, read);
    if (recorded?.wasStale)
      await recordExportReadBack(ctx, {
        listingId: recorded.listingId,
        destination: recorded.destination,
        now: read.at,
      });
  } catch (error) {
    logger.warn({ err: error, linkId: read.linkId }, "export read not recorded");
  }
}
