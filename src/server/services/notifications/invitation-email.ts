import { emailDocument, link as htmlLink, paragraph } from "./email-html";
import { textLines } from "./email-text";

export interface InvitationFacts {
  name: string;
  role: "host" | "support" | "admin";
  /** The single-use link, token in its fragment (#): never sent to a server by the browser, so never in a log. */
  link: string;
  expiresAt: Date;
}

const until = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", dateStyle: "long", timeStyle: "short" });

/** The invitation to choose one's password: who invites, what for, the link and until when. */
export function renderInvitationEmail(facts: InvitationFacts): { subject: string; text: string; html: string } {
  const forHost = facts.role === "host";
  const subject = forHost
    ? "Choisissez votre mot de passe pour suivre vos calendriers"
    : "Votre accès au back-office des alertes de calendriers";
  const paragraphs = [
    `Bonjour ${facts.name},`,
    forHost
      ? "Votre plateforme de location suit la synchronisation de vos calendriers (Airbnb, Booking.com, Vrbo…) et vous prévient quand un lien ne fonctionne plus ou quand deux réservations se chevauchent. Pour voir vos calendriers, choisissez votre mot de passe :"
      : "Un compte vous a été ouvert sur le back-office des alertes de synchronisation des calendriers. Pour l'activer, choisissez votre mot de passe :",
  ];
  const validity = `Ce lien ne sert qu'une fois et reste valable jusqu'au ${until.format(facts.expiresAt)}. S'il a expiré, demandez-en un nouveau au support.`;
  const text = textLines([...paragraphs, "", facts.link, "", validity, "", "— L'équipe support"]);
  const html = emailDocument(
    [...paragraphs.map(paragraph), htmlLink(facts.link, "Choisir mon mot de passe"), paragraph(validity)],
    "— L'équipe support",
  );
  return { subject, text, html };
}
