import { and, eq, isNotNull, isNull, lte } from "drizzle-orm";
import { exportLinks } from "../../db/schema";
import { getConfig } from "../../config";
import { EXPORT_DESTINATION_CODES, exportIncidentKey, type ExportDestination } from "../../shared/export-destinations";
import {
  closeExportIncidentIfDue,
  openExportIncidentIfDue,
  recordExportNotRead,
  resolveAlertIfListingHealthy,
} from "../alerting/alerting.service";
import { findOpenIncident } from "../incidents/incidents.service";
import { inTransaction, type ServiceContext } from "../../service-context";
import { readLinksDueEscalation, readLinksGoingStale, readSettledExportAlerts } from "./read-stale-export-links";

const HOUR_MS = 3_600_000;

export interface ExportCheckResult {
  stale: number;
  escalated: number;
  settled: number;
}

/**
 * The worker's look at the export side, once a minute:
 * - a link read once and unread for EXPORT_STALE_HOURS goes stale: marked, and counted on the listing's alert in the
 *   same transaction (a guarded update: of several workers, one counts it);
 * - then the destinations that just lost links may open their export incident;
 * - a stale link unread for EXPORT_ESCALATE_HOURS is counted again, which escalates the alert; not while its
 *   destination's export incident is open (those wait for it to close);
 * - open export incidents close once reads are back, and an export alert left open after its link was read again
 *   (a read whose resolution did not commit) resolves.
 */
export async function checkExportLinks(
  ctx: ServiceContext,
  input: { now?: Date; batchSize?: number } = {},
): Promise<ExportCheckResult> {
  const now = input.now ?? new Date();
  const batchSize = input.batchSize ?? 500;
  const { staleHours, escalateHours } = getConfig().exports;
  const result: ExportCheckResult = { stale: 0, escalated: 0, settled: 0 };

  const staleCutoff = new Date(now.getTime() - staleHours * HOUR_MS);
  const lostReads = new Set<ExportDestination>();
  for (const link of await readLinksGoingStale(ctx, { cutoff: staleCutoff, limit: batchSize })) {
    const marked = await inTransaction(ctx, async (tx) => {
      const [row] = await tx.db
        .update(exportLinks)
        .set({ staleSince: now, updatedAt: now })
        .where(
          and(eq(exportLinks.id, link.id), isNull(exportLinks.staleSince), lte(exportLinks.lastReadAt, staleCutoff)),
        )
        .returning({ id: exportLinks.id });
      if (row) await recordExportNotRead(tx, { ...link, linkId: link.id, now, escalate: false });
      return row !== undefined;
    });
    if (marked) {
      result.stale++;
      lostReads.add(link.destination);
    }
  }
  for (const destination of lostReads) await openExportIncidentIfDue(ctx, { destination, now });

  const underIncident = new Set<ExportDestination>();
  for (const destination of EXPORT_DESTINATION_CODES) {
    if (!(await findOpenIncident(ctx, exportIncidentKey(destination)))) continue;
    if (!(await closeExportIncidentIfDue(ctx, { destination, now }))) underIncident.add(destination);
  }

  const escalateCutoff = new Date(now.getTime() - escalateHours * HOUR_MS);
  for (const link of await readLinksDueEscalation(ctx, { cutoff: escalateCutoff, limit: batchSize })) {
    if (underIncident.has(link.destination)) continue;
    const counted = await inTransaction(ctx, async (tx) => {
      const [row] = await tx.db
        .update(exportLinks)
        .set({ staleEscalatedAt: now, updatedAt: now })
        .where(
          and(
            eq(exportLinks.id, link.id),
            isNotNull(exportLinks.staleSince),
            isNull(exportLinks.staleEscalatedAt),
            lte(exportLinks.lastReadAt, escalateCutoff),
          ),
        )
        .returning({ id: exportLinks.id });
      if (row) await recordExportNotRead(tx, { ...link, linkId: link.id, now, escalate: true });
      return row !== undefined;
    });
    if (counted) result.escalated++;
  }

  for (const listingId of await readSettledExportAlerts(ctx, batchSize)) {
    await inTransaction(ctx, (tx) =>
      resolveAlertIfListingHealthy(tx, {
        listingId,
        how: "recovery",
        note: "Le lien d'export est de nouveau lu par la plateforme.",
      }),
    );
    result.settled++;
  }
  return result;
}
