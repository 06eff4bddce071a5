import { getConfig } from "../../../config";
// Each event type's `data`, built from the facts the policy hands the notifications (docs/webhooks.md documents
// them). Masked forms only: no feed URL, no guest, no host's name.
import { describeSyncErrorType } from "../../../shared/sync-error-types";
import { maskUrlsInText } from "../../../shared/mask-url";
import type { DigestFacts } from "../../../shared/digest-facts";
import type {
  AlertEscalatedFacts,
  AlertResolvedFacts,
  ConflictFacts,
  IncidentFacts,
} from "../../events/events.service";
import type { RecordedEvent } from "../event-emails";

const link = (appUrl: string, path: string) => `${appUrl.replace(/\/$/, "")}${path}`;

export function alertEscalatedData(alert: AlertEscalatedFacts, appUrl: string) {
  // The label and hint a channel's reader sees (Slack, Teams, e-mail), in support's language.
  const type = describeSyncErrorType(alert.errorType, getConfig().mail.supportLocale);
  return {
    alert: {
      id: alert.id,
      url: link(appUrl, `/admin/alerts/calendar-sync/${encodeURIComponent(alert.id)}`),
      direction: alert.direction ?? "import",
      listing: alert.listing,
      errorType: alert.errorType,
      errorLabel: type.label,
      errorHint: type.hint,
      errorMessage: maskUrlsInText(alert.errorMessage),
      failedAttempts: alert.failedAttempts,
      escalationReason: alert.escalationReason,
      firstFailedAt: alert.firstFailedAt,
      lastFailedAt: alert.lastFailedAt,
    },
  };
}

export function alertResolvedData(alert: AlertResolvedFacts, appUrl: string) {
  return {
    alert: {
      id: alert.id,
      url: link(appUrl, `/admin/alerts/calendar-sync/${encodeURIComponent(alert.id)}`),
      direction: alert.direction ?? "import",
      listing: alert.listing,
      how: alert.how,
      by: alert.by,
      failedAttempts: alert.failedAttempts,
      escalatedAt: alert.escalatedAt,
      resolvedAt: alert.resolvedAt,
    },
  };
}

export function incidentData(incident: IncidentFacts, appUrl: string) {
  return {
    incident: {
      id: incident.id,
      url: link(appUrl, `/admin/incidents/${encodeURIComponent(incident.id)}`),
      provider: incident.providerKey,
      direction: incident.providerKey.startsWith("export:") ? "export" : "import",
      status: incident.status,
      openedAt: incident.openedAt,
      resolvedAt: incident.resolvedAt,
      feedsFailing: incident.feedsFailing,
      listingsFailing: incident.listingsFailing,
    },
  };
}

type ConflictDataFacts = Pick<
  ConflictFacts,
  "id" | "listingTitle" | "certainty" | "firstNight" | "lastNight" | "nights" | "providers"
>;

export function conflictData(facts: ConflictDataFacts, appUrl: string) {
  return {
    conflict: {
      id: facts.id,
      url: link(appUrl, `/admin/conflits/${encodeURIComponent(facts.id)}`),
      listing: { title: facts.listingTitle },
      certainty: facts.certainty,
      firstNight: facts.firstNight,
      lastNight: facts.lastNight,
      nights: facts.nights,
      providers: facts.providers,
    },
  };
}

/** A conflict that is over: its overlap vanished at a sync, support said « Pas un conflit », or the listing was withdrawn. */
export function conflictResolvedData(
  facts: ConflictDataFacts & { how: "vanished" | "dismissed" | "withdrawn"; resolvedAt: string | null },
  appUrl: string,
) {
  return { conflict: { ...conflictData(facts, appUrl).conflict, how: facts.how, resolvedAt: facts.resolvedAt } };
}

export function digestData(day: string, facts: DigestFacts, appUrl: string) {
  const open = Object.values(facts.openByAge).reduce((sum, count) => sum + count, 0);
  return {
    digest: {
      day,
      url: link(appUrl, "/admin"),
      openAlerts: open,
      openByAge: facts.openByAge,
      snoozed: facts.snoozed,
      unownedEscalated: facts.unownedEscalated.count,
      arrivalsAtRisk: facts.arrivalsAtRisk.count,
      openedSince: facts.openedSince,
      resolvedSince: facts.resolvedSince,
      openIncidents: facts.openIncidents,
      openConflicts: facts.openConflicts,
    },
  };
}

/**
 * The channels' payload of an event, or null for the events only e-mail hears of. Exhaustive: a new event type
 * fails to compile until it says what the channels get.
 */
export function channelDataOf(event: RecordedEvent, appUrl: string): Record<string, unknown> | null {
  switch (event.type) {
    case "alert.escalated":
      return { ...alertEscalatedData(event.alert, appUrl), nextArrivalAt: event.risk.nextArrivalAt };
    case "alert.resolved":
      return { ...alertResolvedData(event.alert, appUrl), nextArrivalAt: event.risk.nextArrivalAt };
    case "incident.opened":
    case "incident.resolved":
      return incidentData(event.incident, appUrl);
    case "conflict.detected":
      return conflictData(event.conflict, appUrl);
    case "conflict.resolved":
      return conflictResolvedData({ ...event.conflict, how: event.how, resolvedAt: event.resolvedAt }, appUrl);
    case "digest":
      return digestData(event.day, event.digest, appUrl);
    case "alert.second-level":
    case "host.notice":
      return null;
  }
}
