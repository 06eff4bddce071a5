// The channels' words, in French, for the page and its forms.
export const CHANNEL_TYPE_LABELS: Record<string, string> = {
  email: "E-mail",
  slack: "Slack",
  teams: "Microsoft Teams",
  webhook: "Webhook signé",
};

export const CHANNEL_EVENT_LABELS: Record<string, string> = {
  "alert.escalated": "Alerte escaladée",
  "alert.resolved": "Alerte escaladée résolue",
  "incident.opened": "Incident fournisseur ouvert",
  "incident.resolved": "Incident fournisseur terminé",
  "conflict.detected": "Double réservation détectée",
  "conflict.resolved": "Double réservation résolue",
  digest: "Résumé du matin",
  test: "Test",
};
