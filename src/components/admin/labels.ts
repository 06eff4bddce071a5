import type { AlertStatus } from "@/server/services/alerts/alerts.service";

// Every word the alert screens show for a status, in one place.
export const STATUS_LABELS: Record<AlertStatus, string> = {
  active: "Active",
  escalated: "Escaladé",
  resolved: "Résolue",
};

/** An open alert in a pause: its badge, instead of « Active » or « Escaladé ». */
export const SNOOZED_LABEL = "En pause";

export const STATUS_FILTER_LABELS = {
  open: "Ouvertes",
  escalated: "Escaladées",
  active: "Actives (non escaladées)",
  snoozed: "En pause",
  resolved: "Résolues",
  all: "Toutes",
} as const;

export const ASSIGNEE_FILTER_LABELS = {
  "": "Tout le monde",
  me: "Mes alertes",
  none: "Non assignées",
} as const;

export const OUTCOME_LABELS: Record<string, string> = {
  success: "Réussie",
  unchanged: "Inchangée",
  warning: "Avertissement",
  failure: "Échec",
};
