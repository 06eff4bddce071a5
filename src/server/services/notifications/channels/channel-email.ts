import { emailDocument, escapeHtml, factsTable, link, paragraph } from "../email-html";
import { textLines } from "../email-text";
import { summarizeEvent, type ChannelEvent } from "./event-summary";
import { enqueueEmail } from "../enqueue-email";
import type { NotificationChannel } from "../../../db/schema";
import type { ServiceContext } from "../../../service-context";
import type { PostOutcome } from "./channel-http";
import { formatMessage } from "../../../shared/messages";

const SIGNATURE = "— Alertes calendrier, canal de notification";

/** An event sent to an e-mail channel: its summary as the Slack and Teams messages show it. */
export function renderChannelEmail(
  event: ChannelEvent,
  channelName: string,
): { subject: string; text: string; html: string } {
  const summary = summarizeEvent(event);
  const text = textLines([
    summary.title,
    "",
    ...summary.facts.map(([label, value]) => `${label} : ${value}`),
    ...(summary.url ? ["", `${summary.action} : ${summary.url}`] : []),
    "",
    `${SIGNATURE} « ${channelName} »`,
  ]);
  const html = emailDocument(
    [
      `<h1 style="font-size:18px">${escapeHtml(summary.title)}</h1>`,
      factsTable(summary.facts),
      ...(summary.url ? [link(summary.url, summary.action)] : []),
    ],
    `${SIGNATURE} « ${channelName} »`,
  );
  return { subject: summary.title, text, html };
}

/** To SUPPORT_EMAIL, once per failing spell: a channel's receiver keeps refusing. */
export function renderChannelFailingEmail(
  channel: { id: string; name: string; type: string; failures: number; lastError: string },
  appUrl: string,
): { subject: string; text: string; html: string } {
  const url = `${appUrl.replace(/\/$/, "")}/admin/notifications`;
  const subject = `[Canal en échec] ${channel.name} : ${formatMessage("deliveriesFailed", { count: channel.failures })}`;
  const intro = `Le canal de notification « ${channel.name} » (${channel.type}) a échoué ${channel.failures} fois de suite. Ses notifications attendent : elles repartiront dans l'ordre quand le destinataire répondra.`;
  const rows: Array<[string, string]> = [
    ["Canal", channel.name],
    ["Dernière erreur", channel.lastError],
  ];
  const text = textLines([
    intro,
    "",
    ...rows.map(([label, value]) => `${label} : ${value}`),
    "",
    `Voir le canal : ${url}`,
    "",
    SIGNATURE,
  ]);
  const html = emailDocument([paragraph(intro), factsTable(rows), link(url, "Voir les canaux")], SIGNATURE);
  return { subject, text, html };
}

/**
 * An e-mail channel's delivery: one e-mail per address in the outbox (in the caller's transaction, once each by
 * dedupe key), which sends them. Answers the outcome the delivery log records for it.
 */
export async function queueChannelEmails(
  ctx: ServiceContext,
  input: { channel: NotificationChannel; event: ChannelEvent; deliveryId: string },
): Promise<PostOutcome> {
  const { channel, event, deliveryId } = input;
  const email = renderChannelEmail(event, channel.name);
  for (const address of channel.addresses) {
    await enqueueEmail(ctx, {
      dedupeKey: `channel-delivery:${deliveryId}:${address}`,
      kind: `channel.${event.type}`,
      recipient: address,
      subject: email.subject,
      textBody: email.text,
      htmlBody: email.html,
    });
  }
  return { statusCode: null, retryAfterSeconds: null, durationMs: 0, error: null };
}
