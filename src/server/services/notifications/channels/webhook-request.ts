import { Webhook } from "standardwebhooks";
import type { ChannelEvent } from "./event-summary";

/**
 * A Standard Webhooks request: the body `{ type, timestamp, data }`, and the headers webhook-id (the event's id, the
 * same on every retry), webhook-timestamp and webhook-signature, signed with each secret given (the current one, and
 * the previous one during a rotation), space-separated as the specification allows.
 */
export function webhookRequest(
  event: ChannelEvent,
  secrets: string[],
  sentAt: Date,
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data });
  const signature = secrets.map((secret) => new Webhook(secret).sign(event.id, sentAt, body)).join(" ");
  return {
    body,
    headers: {
      "content-type": "application/json",
      "webhook-id": event.id,
      "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
      "webhook-signature": signature,
    },
  };
}
