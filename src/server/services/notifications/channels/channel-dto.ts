import type { NotificationChannel } from "../../../db/schema";

export interface ChannelDTO {
  id: string;
  type: NotificationChannel["type"];
  name: string;
  /** Masked: the URL's token never leaves the server. */
  urlMasked: string | null;
  addresses: string[];
  events: string[];
  providers: string[] | null;
  state: "active" | "failing" | "disabled";
  failingSince: string | null;
  consecutiveFailures: number;
  disabledReason: "admin" | "gone" | null;
  /** Webhooks: while set, the previous secret signs too. */
  previousSecretUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toChannelDto(channel: NotificationChannel): ChannelDTO {
  return {
    id: channel.id,
    type: channel.type,
    name: channel.name,
    urlMasked: channel.urlMasked,
    addresses: channel.addresses,
    events: channel.events,
    providers: channel.providers,
    state: channel.disabledAt ? "disabled" : channel.failingSince ? "failing" : "active",
    failingSince: channel.failingSince?.toISOString() ?? null,
    consecutiveFailures: channel.consecutiveFailures,
    disabledReason: (channel.disabledReason as ChannelDTO["disabledReason"]) ?? null,
    previousSecretUntil:
      channel.previousSecretUntil && channel.previousSecretUntil > new Date()
        ? channel.previousSecretUntil.toISOString()
        : null,
    createdAt: channel.createdAt.toISOString(),
    updatedAt: channel.updatedAt.toISOString(),
  };
}
