import { emailDocument, factsTable, link as htmlLink } from "./email-html";
import { textLines } from "./email-text";
import type { Locale } from "../../../i18n/locales";
import { emailWords } from "./email-words";

/**
 * The body every alert e-mail shares: greeting, what happened (as text lines, and as HTML paragraphs already
 * escaped by the caller), the facts as « label : value », the link to the alert, the signature.
 */
export function alertEmailBody(input: {
  introText: string[];
  introHtml: string;
  rows: Array<[string, string]>;
  link: string;
  locale: Locale;
}): { text: string; html: string } {
  const { introText, introHtml, rows, link, locale } = input;
  const t = emailWords(locale);
  const text = textLines([
    t("hello"),
    "",
    ...introText,
    "",
    ...rows.map(([label, value]) => t("factLine", { label, value })),
    "",
    t("viewAlertText", { link }),
    "",
    t("signatureAlerts"),
  ]);
  const html = emailDocument(
    [`<p>${t("hello")}</p>`, introHtml, factsTable(rows), htmlLink(link, t("viewAlert"))],
    t("signatureAlerts"),
    locale,
  );
  return { text, html };
}
