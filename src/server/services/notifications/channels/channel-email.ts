import { channelMessagesCatalogue } from "../../../../i18n/catalogue/channel-messages";
import { DEFAULT_LOCALE, type Locale } from "../../../../i18n/locales";
import { translator } from "../../../../i18n/translator";
import { getConfig } from "../../../config";
import { emailDocument, escapeHtml, factsTable, link, paragraph } from "../email-html";
import { textLines } from "../email-text";
import { summarizeEvent, type ChannelEvent } from "./event-summary";
import { enqueueEmail } from "../enqueue-email";
import type { NotificationChannel } from "../../../db/schema";
import type { ServiceContext } from "../../../service-context";
import type { PostOutcome } from "./channel-http";
import { formatMessage } from "../../../shared/messages";

/** An event sent to an e-mail channel, in SUPPORT_LOCALE: its summary as the Slack and Teams messages show it. */
export function renderChannelEmail(
  event: ChannelEvent,
  channelName: string,
  locale: Locale = DEFAULT_LOCALE,
): { subject: string; text: string; html: string } {
  const t = translator(channelMessagesCatalogue, locale);
  const summary = summarizeEvent(event, locale);
  const signature = t("signature", { name: channelName });
  const text = textLines([
    summary.title,
    "",
    ...summary.facts.map(([label, value]) => t("factLine", { label, value })),
    ...(summary.url ? ["", t("actionLine", { action: summary.action, url: summary.url })] : []),
    "",
    signature,
  ]);
  const html = emailDocument(
    [
      `<h1 style="font-size:18px">${escapeHtml(summary.title)}</h1>`,
      factsTable(summary.facts),
      ...(summary.url ? [link(summary.url, summary.action)] : []),
    ],
    signature,
    locale,
  );
  return { subject: summary.title, text, html };
}

/** To SUPPORT_EMAIL, once per failing spell: a channel's receiver keeps refusing. */
export function renderChannelFailingEmail(
  channel: { id: string; name: string; type: string; failures: number; lastError: string },
  appUrl: string,
  locale: Locale = DEFAULT_LOCALE,
): { subject: string; text: string; html: string } {
  const t = translator(channelMessagesCatalogue, locale);
  const url = `${appUrl.replace(/\/$/, "")}/admin/notifications`;
  const subject = t("failingSubject", {
    name: channel.name,
    failures: formatMessage("deliveriesFailed", { count: channel.failures }, locale),
  });
  const intro = t("failingIntro", { name: channel.name, type: channel.type, count: channel.failures });
  const rows: Array<[string, string]> = [
    [t("channel"), channel.name],
    [t("lastError"), channel.lastError],
  ];
  const signature = t("signatureShort");
  const text = textLines([
    intro,
    "",
    ...rows.map(([label, value]) => t("factLine", { label, value })),
    "",
    t("viewChannelText", { url }),
    "",
    signature,
  ]);
  const html = emailDocument([paragraph(intro), factsTable(rows), link(url, t("viewChannels"))], signature, locale);
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
  const email = renderChannelEmail(event, channel.name, getConfig().mail.supportLocale);
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
