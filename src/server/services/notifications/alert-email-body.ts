import { emailDocument, factsTable, link as htmlLink } from "./email-html";
import { textLines } from "./email-text";

/**
 * The body every alert e-mail shares: greeting, what happened (as text lines, and as HTML paragraphs already
 * escaped by the caller), the facts as « label : value », the link to the alert, the signature.
 */
export function alertEmailBody(input: {
  introText: string[];
  introHtml: string;
  rows: Array<[string, string]>;
  link: string;
}): { text: string; html: string } {
  const { introText, introHtml, rows, link } = input;
  const text = textLines([
    "Bonjour,",
    "",
    ...introText,
    "",
    ...rows.map(([label, value]) => `${label} : ${value}`),
    "",
    `Voir l'alerte dans le back-office : ${link}`,
    "",
    "— Alertes calendrier",
  ]);
  const html = emailDocument(
    ["<p>Bonjour,</p>", introHtml, factsTable(rows), htmlLink(link, "Voir l'alerte dans le back-office")],
    "— Alertes calendrier",
  );
  return { text, html };
}
