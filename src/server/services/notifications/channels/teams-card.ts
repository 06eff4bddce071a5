import { DEFAULT_LOCALE, type Locale } from "../../../../i18n/locales";
import { summarizeEvent, type ChannelEvent } from "./event-summary";

/** An event as a Teams Workflows webhook takes it: a message with one Adaptive Card attachment. */
export function teamsMessage(event: ChannelEvent, locale: Locale = DEFAULT_LOCALE) {
  const summary = summarizeEvent(event, locale);
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            { type: "TextBlock", text: summary.title, weight: "Bolder", size: "Medium", wrap: true },
            { type: "FactSet", facts: summary.facts.map(([title, value]) => ({ title, value })) },
          ],
          ...(summary.url ? { actions: [{ type: "Action.OpenUrl", title: summary.action, url: summary.url }] } : {}),
        },
      },
    ],
  };
}
