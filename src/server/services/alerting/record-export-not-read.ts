import { getConfig } from "../../config";
import { EXPORT_DESTINATIONS, exportIncidentKey, type ExportDestination } from "../../shared/export-destinations";
import { isSnoozed, markHostNotified, type CountAlertFailureResult } from "../alerts/alerts.service";
import { findOpenIncident } from "../incidents/incidents.service";
import { recordAudit } from "../audit/audit.service";
import { recordEvent } from "../events/events.service";
import type { TransactionContext } from "../../service-context";
import { countFailure } from "./count-failure";
import { hostNoticeKey } from "./alert-events";
import { readExportNoticeFacts } from "./read-export-link-facts";

export interface ExportNotRead {
  listingId: string;
  linkId: string;
  destination: ExportDestination;
  lastReadAt: Date;
  now: Date;
  /** The link has now been unread for EXPORT_ESCALATE_HOURS (the second count); otherwise it just went stale. */
  escalate: boolean;
}

/** « 12 h », « 5 min »: how long a link has gone unread, in words. */
export function unreadFor(lastReadAt: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - lastReadAt.getTime()) / 60_000));
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

/**
 * What an export link going unread means, in the transaction that marked it: it counts on the listing's alert as
 * EXPORT_NOT_READ, once when it goes stale and once when EXPORT_ESCALATE_HOURS have passed, which escalates it (held
 * while the destination's export incident is open). When it goes stale the host is told, with the destination's
 * steps and the link: not while an incident covers the destination or support snoozed the alert, and once per
 * staleness (a notice sent before the link stopped being read was about something else).
 */
export async function recordExportNotRead(
  ctx: TransactionContext,
  input: ExportNotRead,
): Promise<CountAlertFailureResult & { hostNotified: boolean }> {
  const destination = EXPORT_DESTINATIONS[input.destination];
  const incident =
    getConfig().incidents.enabled && destination.providerKey
      ? await findOpenIncident(ctx, exportIncidentKey(input.destination))
      : null;
  const unread = unreadFor(input.lastReadAt, input.now);
  const result = await countFailure(ctx, {
    listingId: input.listingId,
    errorType: "EXPORT_NOT_READ",
    errorMessage: `${destination.label} n'a plus lu le calendrier d'export de l'annonce depuis ${unread} (dernière lecture : ${input.lastReadAt.toISOString()}).`,
    feedId: null,
    feedLabel: `export ${destination.label}`,
    holdEscalation: incident !== null,
    occurredAt: input.now,
    dueByTime: {
      due: input.escalate,
      reason: `${destination.label} ne lit plus le calendrier d'export depuis ${unread}`,
    },
  });
  let hostNotified = false;
  if (!input.escalate && incident === null && !isSnoozed(result.alert, input.now)) {
    const marked = await markHostNotified(ctx, {
      alertId: result.alert.id,
      now: input.now,
      notBefore: input.lastReadAt,
    });
    const notice = marked
      ? await readExportNoticeFacts(ctx, {
          linkId: input.linkId,
          destinationLabel: destination.label,
          providerKey: destination.providerKey ?? destination.label,
        })
      : null;
    if (notice) {
      hostNotified = await recordEvent(ctx, {
        type: "host.notice",
        key: hostNoticeKey(result.alert.id, input.now),
        notice,
      });
      await recordAudit(ctx, {
        actorId: null,
        action: "calendar_sync_alert.host_notified",
        entityType: "calendar_sync_alert",
        entityId: result.alert.id,
        data: { exportLinkId: input.linkId, destination: input.destination, errorType: "EXPORT_NOT_READ" },
      });
    }
  }
  return { ...result, hostNotified };
}
