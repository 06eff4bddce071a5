import type { NotificationChannel } from "../../../db/schema";
import { openChannelSecret } from "./channel-secrets";
import { SecretDecryptionError } from "../../../crypto/secret-box";
import { postToChannel, type PostOutcome } from "./channel-http";
import { slackMessage } from "./slack-message";
import { teamsMessage } from "./teams-card";
import { webhookRequest } from "./webhook-request";
import type { ChannelEvent } from "./event-summary";

/**
 * Sends one event to an HTTP channel in its format: signed Standard Webhooks, Slack Block Kit or a Teams Adaptive
 * Card. "email" for an e-mail channel: its e-mails are queued in the outbox by the caller, in its transaction.
 */
/** The channel's URL and signing secrets in clear; null when the current and previous keys open neither (a lost key). */
function openSecrets(channel: NotificationChannel): { url: string; secrets: string[] } | null {
  try {
    const url = openChannelSecret(channel.urlCiphertext!);
    if (channel.type !== "webhook") return { url, secrets: [] };
    const secrets = [openChannelSecret(channel.secretCiphertext!)];
    // During a rotation the previous secret signs too, so receivers still holding it keep verifying.
    if (channel.previousSecretCiphertext && channel.previousSecretUntil && channel.previousSecretUntil > new Date())
      secrets.push(openChannelSecret(channel.previousSecretCiphertext));
    return { url, secrets };
  } catch (error) {
    if (error instanceof SecretDecryptionError) return null;
    throw error;
  }
}

export async function sendToChannel(
  channel: NotificationChannel,
  event: ChannelEvent,
  options: { allowHosts: readonly string[]; timeoutMs: number },
): Promise<PostOutcome | "email"> {
  if (channel.type === "email") return "email";
  const opened = openSecrets(channel);
  // A lost key: a failed attempt with its cause in the log, retried like any other, rather than a worker error.
  if (!opened)
    return {
      statusCode: null,
      retryAfterSeconds: null,
      durationMs: 0,
      error:
        "URL ou secret illisible avec la clé de chiffrement actuelle : enregistrez de nouveau l'URL du canal (et, pour un webhook, créez un nouveau secret).",
    };
  if (channel.type === "webhook") {
    const { body, headers } = webhookRequest(event, opened.secrets, new Date());
    return postToChannel(opened.url, body, headers, options);
  }
  const message = channel.type === "slack" ? slackMessage(event) : teamsMessage(event);
  return postToChannel(opened.url, JSON.stringify(message), { "content-type": "application/json" }, options);
}
