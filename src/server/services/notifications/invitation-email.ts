import { emailDocument, link as htmlLink, paragraph } from "./email-html";
import { textLines } from "./email-text";
import { emailWords, longDateTime } from "./email-words";
import { DEFAULT_LOCALE, type Locale } from "../../../i18n/locales";

export interface InvitationFacts {
  name: string;
  role: "host" | "support" | "admin";
  /** The single-use link, token in its fragment (#): never sent to a server by the browser, so never in a log. */
  link: string;
  expiresAt: Date;
  /** The invited person's language. */
  locale?: Locale;
}

/** The invitation to choose one's password: who invites, what for, the link and until when. */
export function renderInvitationEmail(facts: InvitationFacts): { subject: string; text: string; html: string } {
  const locale = facts.locale ?? DEFAULT_LOCALE;
  const t = emailWords(locale);
  const forHost = facts.role === "host";
  const subject = t(forHost ? "invitationSubjectHost" : "invitationSubjectStaff");
  const paragraphs = [t("helloName", { name: facts.name }), t(forHost ? "invitationHost" : "invitationStaff")];
  const validity = t("invitationValidity", { until: longDateTime(facts.expiresAt, locale) });
  const text = textLines([...paragraphs, "", facts.link, "", validity, "", t("signatureTeam")]);
  const html = emailDocument(
    [...paragraphs.map(paragraph), htmlLink(facts.link, t("choosePassword")), paragraph(validity)],
    t("signatureTeam"),
    locale,
  );
  return { subject, text, html };
}
