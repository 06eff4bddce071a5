import type { NotificationChannel } from "../../../db/schema";
import { openChannelSecret } from "./channel-secrets";
import { SecretDecryptionError } from "../../../crypto/secret-box";
import { postToChannel, type PostOutcome } from "./channel-http";
import { slackMessage } from "./slack-message";
import { teamsMessage } from "./teams-card";
import { webhookRequest } from "./webhook-request";
import type { ChannelEvent } from "./event-summary";
import { getConfig } from "../../../config";

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

/** The request of one HTTP channel type; a new type fails to compile until it has its case. */
function requestFor(
  type: Exclude<NotificationChannel["type"], "email">,
  event: ChannelEvent,
  secrets: string[],
): { body: string; headers: Record<string, string> } {
  switch (type) {
    case "webhook":
      return webhookRequest(event, secrets, new Date());
    case "slack":
      return {
        body: JSON.stringify(slackMessage(event, getConfig().mail.supportLocale)),
        headers: { "content-type": "application/json" },
      };
    case "teams":
      return {
        body: JSON.stringify(teamsMessage(event, getConfig().mail.supportLocale)),
        headers: { "content-type": "application/json" },
      };
  }
}

/**
 * Sends one event to an HTTP channel in its format: signed Standard Webhooks, Slack Block Kit or a Teams Adaptive
 * Card. "email" for an e-mail channel: its e-mails are queued in the outbox by the caller, in its transaction.
 */
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
  const { body, headers } = requestFor(channel.type, event, opened.secrets);
  return postToChannel(opened.url, body, headers, options);
}
