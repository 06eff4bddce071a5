import type { AlertStatus } from "@/server/services/alerts/alerts.service";
import type { alertsCatalogue } from "@/i18n/catalogue/alerts";
import type { Translate } from "@/i18n/translator";

export type AlertsTranslate = Translate<keyof typeof alertsCatalogue.fr>;

// Every word key the alert screens show for a status, in one place (the words are in the alerts catalogue).
export const STATUS_LABELS = {
  active: "status.active",
  escalated: "status.escalated",
  resolved: "status.resolved",
} as const satisfies Record<AlertStatus, string>;

export const STATUS_FILTER_LABELS = {
  open: "filter.open",
  escalated: "filter.escalated",
  active: "filter.active",
  snoozed: "filter.snoozed",
  resolved: "filter.resolved",
  all: "filter.all",
} as const;

export const ASSIGNEE_FILTER_LABELS = {
  "": "assignee.everyone",
  me: "assignee.me",
  none: "assignee.none",
} as const;

const OUTCOME_LABELS = {
  success: "outcome.success",
  unchanged: "outcome.unchanged",
  warning: "outcome.warning",
  failure: "outcome.failure",
} as const;

/** « Réussie », « Échec »…: a sync run's outcome in words; an unknown outcome as it is. */
export function outcomeLabel(outcome: string, t: AlertsTranslate): string {
  return Object.hasOwn(OUTCOME_LABELS, outcome) ? t(OUTCOME_LABELS[outcome as keyof typeof OUTCOME_LABELS]) : outcome;
}
