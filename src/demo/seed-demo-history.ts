import { and, eq, inArray, sql } from "drizzle-orm";
import { auditLogs, calendarSyncAlerts, emailOutbox } from "../server/db/schema";
import { inTransaction, type ServiceContext } from "../server/service-context";
import type { Viewer } from "../server/actor";
import { DEMO_USERS } from "./demo-data";
import { createCalendarSyncAlert } from "../server/services/alerting/alerting.service";
import {
  addAlertNote,
  assignAlert,
  autoResolveForListing,
  markHostNotified,
  resolveAlert,
  snoozeAlert,
} from "../server/services/alerts/alerts.service";
import { platformWallClock } from "../server/shared/platform-time";
import { hostNoticeKey, recordHostNotice } from "../server/services/alerting/alerting.service";
import { fanOutEvents } from "../server/services/notifications/notifications.service";
import {
  claimDueProbe,
  openIncident,
  recordProbeOutcome,
  resolveIncident,
} from "../server/services/incidents/incidents.service";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MARK = "demo.history_seeded";
// The agent who resolved the past's alerts by hand.
const DEMO_SUPPORT: Viewer = DEMO_USERS.find((user) => user.id === "demo-support-1")!;
const DEMO_SUPPORT_2: Viewer = DEMO_USERS.find((user) => user.id === "demo-support-2")!;

// Listings whose past the demo invents; the live demo feeds and the browser tests use the others as they are.
const PAST = [
  { listingId: "demo-listing-01", feedId: "demo-listing-01-feed-2", label: "Booking.com" },
  { listingId: "demo-listing-03", feedId: "demo-listing-03-feed-1", label: "Vrbo" },
  { listingId: "demo-listing-09", feedId: "demo-listing-09-feed-1", label: "Booking.com" },
  { listingId: "demo-listing-12", feedId: "demo-listing-12-feed-2", label: "Google Agenda" },
  { listingId: "demo-listing-06", feedId: "demo-listing-06-feed-1", label: "Vrbo" },
  { listingId: "demo-listing-11", feedId: "demo-listing-11-feed-1", label: "Vrbo" },
] as const;
const TYPES = [
  ["REMOTE_SERVER_ERROR", "HTTP 503 (plateforme) : erreur du serveur distant."],
  ["TIMEOUT", "Délai dépassé : la plateforme n'a pas répondu en 15 s."],
  ["FEED_NOT_FOUND", "HTTP 404 Not Found : le lien d'export n'existe plus."],
  ["ACCESS_DENIED", "HTTP 403 Forbidden."],
  ["RATE_LIMITED", "HTTP 429 Too Many Requests, réessayer dans 120 s."],
] as const;

/**
 * Thirty days of past for the embedded demo, made through the services with past timestamps, so the chart, the
 * history and the filters have something to show on the first visit: alerts resolved by hand, resolved by
 * themselves (some taken by an agent, with a note), escalated, held back by a provider incident, hosts notified; and
 * today an alert an agent took and one snoozed until tomorrow 9 h. Its e-mails belong to the past: they are
 * marked sent. Runs once per database.
 */
export async function seedDemoHistory(ctx: ServiceContext, input: { now?: Date } = {}): Promise<{ alerts: number }> {
  const now = input.now ?? new Date();
  return inTransaction(ctx, async (tx) => {
    const [seeded] = await tx.db
      .select({ id: auditLogs.id })
      .from(auditLogs)
      .where(eq(auditLogs.action, MARK))
      .limit(1);
    if (seeded) return { alerts: 0 };
    const alertIds: string[] = [];
    let episode = 0;
    for (let day = 29; day >= 2; day -= 2) {
      const past = PAST[episode % PAST.length]!;
      const [type, message] = TYPES[episode % TYPES.length]!;
      const start = new Date(now.getTime() - day * DAY + ((episode * 5) % 12) * HOUR);
      const failures = 1 + (episode % 4);
      const kind = episode % 4;
      let alertId = "";
      for (let i = 0; i < failures; i++) {
        const occurredAt = new Date(start.getTime() + i * HOUR);
        const failure = {
          listingId: past.listingId,
          errorType: type,
          errorMessage: message,
          feedId: past.feedId,
          feedConsecutiveFailures: i + 1,
          feedLabel: past.label,
          occurredAt,
        };
        // One episode in four fell under a provider incident: its escalation was held back.
        const result = await createCalendarSyncAlert(tx, { ...failure, holdEscalation: kind === 3 });
        alertId = result.alert.id;
        if (
          i === 1 &&
          (type === "FEED_NOT_FOUND" || type === "ACCESS_DENIED") &&
          (await markHostNotified(tx, { alertId, now: occurredAt, notBefore: null }))
        ) {
          await recordHostNotice(tx, {
            key: hostNoticeKey(alertId, occurredAt),
            feedId: past.feedId,
            errorType: type,
          });
        }
      }
      const end = new Date(start.getTime() + (failures + 2) * HOUR);
      if (kind === 3) {
        const stats = {
          feedsFailing: 412,
          listingsFailing: 380,
          feedsSynced: 530,
          errorCounts: { REMOTE_SERVER_ERROR: 412 },
        };
        const incident = await openIncident(tx, {
          providerKey: "Vrbo/Abritel",
          stats,
          now: start,
          probeIntervalSeconds: 60,
        });
        for (let probe = 1; probe <= 3; probe++) {
          const at = new Date(end.getTime() - (4 - probe) * 60_000);
          const outcome = {
            outcome: "succeeded" as const,
            feedOwnerId: `demo-host-${probe}`,
            detail: "calendrier téléchargé (HTTP 200)",
          };
          if (await claimDueProbe(tx, { owner: "demo", leaseMs: 30_000, now: at }))
            await recordProbeOutcome(tx, {
              incidentId: incident.incident.id,
              owner: "demo",
              probe: outcome,
              now: at,
              probeIntervalSeconds: 60,
            });
        }
        await resolveIncident(tx, {
          incidentId: incident.incident.id,
          resolution: { by: null, kind: "probes" },
          now: end,
        });
      }
      if (kind === 0) {
        const agent = { ...tx, actor: DEMO_SUPPORT };
        await assignAlert(agent, { alertId, userId: DEMO_SUPPORT.id, now: new Date(start.getTime() + HOUR) });
        await addAlertNote(agent, {
          alertId,
          text: "Appelé l'hôte : il régénère son lien d'export et me le renvoie.",
          now: new Date(end.getTime() - HOUR),
        });
        await resolveAlert(agent, { alertId, note: "Hôte contacté, nouveau lien reçu.", now: end });
      } else await autoResolveForListing(tx, { listingId: past.listingId, now: end });
      alertIds.push(alertId);
      episode++;
    }
    // Today: one open alert an agent took, one snoozed until tomorrow 9 h with a note (the live feeds keep failing).
    const live = async (
      listingId: string,
      feedId: string,
      label: string,
      errorType: "RATE_LIMITED" | "FEED_TOO_LARGE",
      errorMessage: string,
    ) =>
      (
        await createCalendarSyncAlert(tx, {
          listingId,
          errorType,
          errorMessage,
          feedId,
          feedConsecutiveFailures: 1,
          feedLabel: label,
          occurredAt: new Date(now.getTime() - 2 * HOUR),
        })
      ).alert.id;
    const owned = await live(
      "demo-listing-06",
      "demo-listing-06-feed-1",
      "Vrbo",
      "RATE_LIMITED",
      "HTTP 429 Too Many Requests, réessayer dans 120 s.",
    );
    await assignAlert(
      { ...tx, actor: DEMO_SUPPORT_2 },
      { alertId: owned, userId: DEMO_SUPPORT_2.id, now: new Date(now.getTime() - HOUR) },
    );
    const snoozed = await live(
      "demo-listing-11",
      "demo-listing-11-feed-1",
      "Vrbo",
      "FEED_TOO_LARGE",
      "Le calendrier dépasse la taille maximale acceptée.",
    );
    await addAlertNote(
      { ...tx, actor: DEMO_SUPPORT },
      {
        alertId: snoozed,
        text: "L'hôte nettoie son agenda Vrbo ce soir : on regarde demain matin.",
        now: new Date(now.getTime() - HOUR),
      },
    );
    await snoozeAlert(
      { ...tx, actor: DEMO_SUPPORT },
      { alertId: snoozed, snooze: { until: platformWallClock(now, 1, 9) }, now: new Date(now.getTime() - HOUR) },
    );

    // The past's e-mails were sent in the past: its events become them now, and they are marked sent.
    await fanOutEvents(tx, { limit: 10_000 });
    const keys = alertIds.flatMap((id) => [
      `calendar-sync-alert-escalated:${id}`,
      `calendar-sync-alert-resolved:${id}`,
    ]);
    await tx.db
      .update(emailOutbox)
      .set({ status: "sent", sentAt: sql`${emailOutbox.createdAt}` })
      .where(and(eq(emailOutbox.status, "pending"), inArray(emailOutbox.dedupeKey, keys)));
    await tx.db
      .update(emailOutbox)
      .set({ status: "sent", sentAt: sql`${emailOutbox.createdAt}` })
      .where(
        and(
          eq(emailOutbox.status, "pending"),
          sql`${emailOutbox.dedupeKey} like 'host-notice:%' and split_part(${emailOutbox.dedupeKey}, ':', 2) in (${sql.join(
            alertIds.map((id) => sql`${id}`),
            sql`, `,
          )})`,
        ),
      );
    await tx.db
      .update(calendarSyncAlerts)
      .set({ updatedAt: sql`${calendarSyncAlerts.resolvedAt}` })
      .where(inArray(calendarSyncAlerts.id, alertIds));
    await tx.db.insert(auditLogs).values({
      actorId: null,
      action: MARK,
      entityType: "demo",
      entityId: "history",
      data: { alerts: alertIds.length },
    });
    return { alerts: alertIds.length };
  });
}
