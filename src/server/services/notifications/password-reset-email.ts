import { emailDocument, link as htmlLink, paragraph } from "./email-html";
import { textLines } from "./email-text";
import { emailWords, longDateTime } from "./email-words";
import { DEFAULT_LOCALE, type Locale } from "../../../i18n/locales";

/**
 * « Mot de passe oublié »: the single-use link and until when. It names nobody: it is written before the account is
 * looked up, so that a request for an unknown address costs the same as one for a known address. Its language is the
 * asking browser's.
 */
export function renderPasswordResetEmail(facts: { link: string; expiresAt: Date; locale?: Locale }): {
  subject: string;
  text: string;
  html: string;
} {
  const locale = facts.locale ?? DEFAULT_LOCALE;
  const t = emailWords(locale);
  const intro = [t("hello"), t("resetIntro")];
  const validity = t("resetValidity", { until: longDateTime(facts.expiresAt, locale) });
  const text = textLines([...intro, "", facts.link, "", validity, "", t("signatureTeam")]);
  const html = emailDocument(
    [...intro.map(paragraph), htmlLink(facts.link, t("chooseNewPassword")), paragraph(validity)],
    t("signatureTeam"),
    locale,
  );
  return { subject: t("resetSubject"), text, html };
}
