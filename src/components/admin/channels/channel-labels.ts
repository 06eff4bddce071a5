import type { ChannelEventType, ChannelType } from "@/server/services/notifications/notifications.service";

// The channels' words, in French, for the page and its forms; typed by the unions, so a new type needs its label.
export const CHANNEL_TYPE_LABELS: Record<ChannelType, string> = {
  email: "E-mail",
  slack: "Slack",
  teams: "Microsoft Teams",
  webhook: "Webhook signé",
};

export const CHANNEL_EVENT_LABELS: Record<ChannelEventType | "test", string> = {
  "alert.escalated": "Alerte escaladée",
  "alert.resolved": "Alerte escaladée résolue",
  "incident.opened": "Incident fournisseur ouvert",
  "incident.resolved": "Incident fournisseur terminé",
  "conflict.detected": "Double réservation détectée",
  "conflict.resolved": "Double réservation résolue",
  digest: "Résumé du matin",
  test: "Test",
};

/** A subscribed event's label; a type this version does not know shows as itself. */
export const channelEventLabel = (event: string): string =>
  (CHANNEL_EVENT_LABELS as Record<string, string>)[event] ?? event;
