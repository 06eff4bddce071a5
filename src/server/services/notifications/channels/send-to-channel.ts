import type { NotificationChannel } from "../../../db/schema";
import { openChannelSecret } from "./channel-secrets";
import { postToChannel, type PostOutcome } from "./channel-http";
import { slackMessage } from "./slack-message";
import { teamsMessage } from "./teams-card";
import { webhookRequest } from "./webhook-request";
import type { ChannelEvent } from "./event-summary";

/**
 * Sends one event to an HTTP channel in its format: signed Standard Webhooks, Slack Block Kit or a Teams Adaptive
 * Card. "email" for an e-mail channel: its e-mails are queued in the outbox by the caller, in its transaction.
 */
export async function sendToChannel(channel: NotificationChannel, event: ChannelEvent, options: { allowHosts: readonly string[]; timeoutMs: number }): Promise<PostOutcome | "email"> {
  if (channel.type === "email") return "email";
  const url = openChannelSecret(channel.urlCiphertext!);
  if (channel.type === "webhook") {
    const secrets = [openChannelSecret(channel.secretCiphertext!)];
    // During a rotation the previous secret signs too, so receivers still holding it keep verifying.
    if (channel.previousSecretCiphertext && channel.previousSecretUntil && channel.previousSecretUntil > new Date()) secrets.push(openChannelSecret(channel.previousSecretCiphertext));
    const { body, headers } = webhookRequest(event, secrets, new Date());
    return postToChannel(url, body, headers, options);
  }
  const message = channel.type === "slack" ? slackMessage(event) : teamsMessage(event);
  return postToChannel(url, JSON.stringify(message), { "content-type": "application/json" }, options);
}
