import type { IncidentFacts } from "../events/events.service";
import { describeSyncErrorType } from "../../shared/sync-error-types";
import { emailDocument, factsTable, link as htmlLink, paragraph } from "./email-html";
import { textLines } from "./email-text";
import { formatMessage } from "../../shared/messages";
import { destinationOfIncidentKey, providerDisplayName } from "../../shared/export-destinations";

const time = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" });
const dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });
const count = new Intl.NumberFormat("fr-FR");

function page(paragraphs: string[], rows: Array<[string, string]>, href: string, linkLabel: string): string {
  return emailDocument(
    [...paragraphs.map(paragraph), factsTable(rows), htmlLink(href, linkLabel)],
    "— Alertes calendrier",
  );
}

export const incidentLink = (appUrl: string, incidentId: string) =>
  `${appUrl.replace(/\/$/, "")}/admin/incidents/${encodeURIComponent(incidentId)}`;

/** « [Incident fournisseur] Airbnb : 2 314 calendriers en échec depuis 14:05 »: one e-mail for a whole outage. */
export function renderIncidentOpenedEmail(
  incident: IncidentFacts,
  appUrl: string,
): { subject: string; text: string; html: string } {
  const link = incidentLink(appUrl, incident.id);
  const errors = Object.entries(incident.errorCounts)
    .map(([type, n]) => `${describeSyncErrorType(type).label} : ${count.format(n)}`)
    .join(" ; ");
  const provider = providerDisplayName(incident.providerKey);
  const exported = destinationOfIncidentKey(incident.providerKey) !== null;
  const subject = exported
    ? `[Incident fournisseur] ${provider} : ${count.format(incident.feedsFailing)} liens d'export plus lus depuis ${time.format(new Date(incident.openedAt))}`
    : `[Incident fournisseur] ${provider} : ${formatMessage("calendarsFailing", { count: incident.feedsFailing })} depuis ${time.format(new Date(incident.openedAt))}`;
  const intro = exported
    ? [
        "Bonjour,",
        `${provider} ne lit plus les calendriers que nous exportons : les liens de ${count.format(incident.listingsFailing)} annonces, chez plusieurs hôtes, ne sont plus lus depuis le même moment. C'est son import qui est en panne, pas les hôtes : rien n'est à faire annonce par annonce.`,
        "Pendant l'incident, les hôtes ne sont pas prévenus et les escalades de ces annonces sont suspendues. L'incident se ferme de lui-même quand la plateforme relit les liens ; un second e-mail l'annoncera.",
      ]
    : [
        "Bonjour,",
        `${provider} ne répond plus correctement : ${count.format(incident.feedsFailing)} calendriers sur ${count.format(incident.feedsSynced)} synchronisés ont échoué en même temps. Rien n'est à faire annonce par annonce.`,
        "Pendant l'incident, les calendriers de ce fournisseur ne sont plus téléchargés (un test par minute vérifie son retour) et les escalades des annonces concernées sont suspendues. Un second e-mail annoncera la fin de l'incident.",
      ];
  const rows: Array<[string, string]> = [
    ["Fournisseur", provider],
    ["Depuis", dateTime.format(new Date(incident.openedAt))],
    [exported ? "Liens plus lus" : "Calendriers en échec", count.format(incident.feedsFailing)],
    ["Annonces concernées", count.format(incident.listingsFailing)],
    ["Erreurs", errors || "—"],
  ];
  const text = textLines([
    ...intro,
    "",
    ...rows.map(([label, value]) => `${label} : ${value}`),
    "",
    `Voir l'incident : ${link}`,
    "",
    "— Alertes calendrier",
  ]);
  return { subject, text, html: page(intro, rows, link, "Voir l'incident dans le back-office") };
}

/** The second and last e-mail of an incident. */
export function renderIncidentResolvedEmail(
  incident: IncidentFacts,
  appUrl: string,
): { subject: string; text: string; html: string } {
  const link = incidentLink(appUrl, incident.id);
  const resolvedAt = incident.resolvedAt ? new Date(incident.resolvedAt) : new Date();
  const minutes = Math.max(1, Math.round((resolvedAt.getTime() - new Date(incident.openedAt).getTime()) / 60_000));
  const provider = providerDisplayName(incident.providerKey);
  const exported = destinationOfIncidentKey(incident.providerKey) !== null;
  const how =
    incident.resolution === "manual"
      ? "L'incident a été clos par le support."
      : exported
        ? "La plateforme lit de nouveau les liens d'export."
        : "Le fournisseur répond de nouveau normalement.";
  const subject = `[Incident fournisseur résolu] ${provider} : synchronisation rétablie à ${time.format(resolvedAt)}`;
  const intro = [
    "Bonjour,",
    exported
      ? `${how} Les liens encore non lus seront escaladés annonce par annonce s'ils le restent.`
      : `${how} Les calendriers de ${provider} sont de nouveau synchronisés, répartis sur quelques minutes.`,
    "Les annonces dont le calendrier échoue encore seront escaladées normalement ; les autres alertes se résoudront d'elles-mêmes.",
  ];
  const rows: Array<[string, string]> = [
    ["Fournisseur", provider],
    ["Ouvert le", dateTime.format(new Date(incident.openedAt))],
    ["Résolu le", dateTime.format(resolvedAt)],
    ["Durée", `${minutes} min`],
  ];
  const text = textLines([
    ...intro,
    "",
    ...rows.map(([label, value]) => `${label} : ${value}`),
    "",
    `Voir l'incident : ${link}`,
    "",
    "— Alertes calendrier",
  ]);
  return { subject, text, html: page(intro, rows, link, "Voir l'incident dans le back-office") };
}
