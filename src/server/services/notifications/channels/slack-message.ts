import { DEFAULT_LOCALE, type Locale } from "../../../../i18n/locales";
import { summarizeEvent, type ChannelEvent } from "./event-summary";

/** An event as a Slack incoming webhook takes it: `text` for the notification, Block Kit `blocks` for the message. */
export function slackMessage(event: ChannelEvent, locale: Locale = DEFAULT_LOCALE) {
  const summary = summarizeEvent(event, locale);
  const fields = summary.facts.map(([label, value]) => ({
    type: "mrkdwn",
    text: `*${escapeSlack(label)}*\n${escapeSlack(value)}`,
  }));
  return {
    text: escapeSlack(summary.title),
    blocks: [
      { type: "header", text: { type: "plain_text", text: summary.title.slice(0, 150), emoji: false } },
      // Slack takes at most 10 fields per section.
      { type: "section", fields: fields.slice(0, 10) },
      ...(summary.url
        ? [
            {
              type: "actions",
              elements: [
                {
                  type: "button",
                  text: { type: "plain_text", text: summary.action },
                  url: summary.url,
                  action_id: "open",
                },
              ],
            },
          ]
        : []),
    ],
  };
}

// Slack's mrkdwn reads &, < and > as markup: a listing title must stay text.
const escapeSlack = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
