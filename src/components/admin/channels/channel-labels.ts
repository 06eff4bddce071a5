import type { ChannelEventType, ChannelType } from "@/server/services/notifications/notifications.service";
import type { channelsCatalogue } from "@/i18n/catalogue/channels";
import type { Translate } from "@/i18n/translator";

export type ChannelsTranslate = Translate<keyof typeof channelsCatalogue.fr>;

// The channels' word keys for the page and its forms; typed by the unions, so a new type needs its label.
export const CHANNEL_TYPE_LABELS = {
  email: "type.email",
  slack: "type.slack",
  teams: "type.teams",
  webhook: "type.webhook",
} as const satisfies Record<ChannelType, string>;

export const CHANNEL_EVENT_LABELS = {
  "alert.escalated": "event.alert.escalated",
  "alert.resolved": "event.alert.resolved",
  "incident.opened": "event.incident.opened",
  "incident.resolved": "event.incident.resolved",
  "conflict.detected": "event.conflict.detected",
  "conflict.resolved": "event.conflict.resolved",
  digest: "event.digest",
  test: "event.test",
} as const satisfies Record<ChannelEventType | "test", string>;

/** A subscribed event's label; a type this version does not know shows as itself. */
export const channelEventLabel = (event: string, t: ChannelsTranslate): string =>
  Object.hasOwn(CHANNEL_EVENT_LABELS, event)
    ? t(CHANNEL_EVENT_LABELS[event as keyof typeof CHANNEL_EVENT_LABELS])
    : event;
