// Each event type's `data`, built from the facts the policy hands the notifications (docs/webhooks.md documents
// them). Masked forms only: no feed URL, no guest, no host's name.
import type { ProviderIncident } from "../../../db/schema";
import { describeSyncErrorType } from "../../../shared/sync-error-types";
import { maskUrlsInText } from "../../../shared/mask-url";
import type { DigestFacts } from "../../../shared/digest-facts";
import type { EscalationEmailFacts } from "../escalation-email";
import type { AlertResolvedEmailFacts } from "../alert-resolved-email";
import type { ConflictEmailFacts } from "../conflict-email";

const link = (appUrl: string, path: string) => `${appUrl.replace(/\/$/, "")}${path}`;

export function alertEscalatedData(alert: EscalationEmailFacts, appUrl: string) {
  const type = describeSyncErrorType(alert.errorType);
  return {
    alert: {
      id: alert.id,
      url: link(appUrl, `/admin/alerts/calendar-sync/${encodeURIComponent(alert.id)}`),
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

export function alertResolvedData(alert: AlertResolvedEmailFacts, appUrl: string) {
  return {
    alert: {
      id: alert.id,
      url: link(appUrl, `/admin/alerts/calendar-sync/${encodeURIComponent(alert.id)}`),
      listing: alert.listing,
      how: alert.how,
      by: alert.by,
      failedAttempts: alert.failedAttempts,
      escalatedAt: alert.escalatedAt,
      resolvedAt: alert.resolvedAt,
    },
  };
}

export function incidentData(incident: ProviderIncident, appUrl: string) {
  return {
    incident: {
      id: incident.id,
      url: link(appUrl, `/admin/incidents/${encodeURIComponent(incident.id)}`),
      provider: incident.providerKey,
      status: incident.status,
      openedAt: incident.openedAt.toISOString(),
      resolvedAt: incident.resolvedAt?.toISOString() ?? null,
      feedsFailing: incident.feedsFailing,
      listingsFailing: incident.listingsFailing,
    },
  };
}

type ConflictFacts = Pick<
  ConflictEmailFacts,
  "id" | "listingTitle" | "certainty" | "firstNight" | "lastNight" | "nights" | "providers"
>;

export function conflictData(facts: ConflictFacts, appUrl: string) {
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
  facts: ConflictFacts & { how: "vanished" | "dismissed" | "withdrawn"; resolvedAt: string | null },
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
