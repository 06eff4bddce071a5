import { emailDocument, link as htmlLink, paragraph } from "./email-html";
import { textLines } from "./email-text";

const until = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", dateStyle: "long", timeStyle: "short" });

/**
 * « Mot de passe oublié »: the single-use link and until when. It names nobody: it is written before the account is
 * looked up, so that a request for an unknown address costs the same as one for a known address.
 */
export function renderPasswordResetEmail(facts: { link: string; expiresAt: Date }): {
  subject: string;
  text: string;
  html: string;
} {
  const subject = "Réinitialiser votre mot de passe";
  const intro = [
    "Bonjour,",
    "Quelqu'un (vous, sans doute) a demandé à réinitialiser le mot de passe de votre compte d'alertes de calendriers. Pour en choisir un nouveau :",
  ];
  const validity = `Ce lien ne sert qu'une fois et reste valable jusqu'au ${until.format(facts.expiresAt)}. Choisir un nouveau mot de passe déconnecte vos autres sessions. Si vous n'avez rien demandé, ignorez cet e-mail : votre mot de passe ne change pas.`;
  const text = textLines([...intro, "", facts.link, "", validity, "", "— L'équipe support"]);
  const html = emailDocument(
    [...intro.map(paragraph), htmlLink(facts.link, "Choisir un nouveau mot de passe"), paragraph(validity)],
    "— L'équipe support",
  );
  return { subject, text, html };
}
