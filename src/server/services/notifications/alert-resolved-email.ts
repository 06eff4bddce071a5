import type { AlertResolvedFacts } from "../events/events.service";
import { escapeHtml } from "./email-html";
import { alertEmailBody } from "./alert-email-body";

const dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });

export type AlertResolvedEmailFacts = AlertResolvedFacts;

const HOW: Record<AlertResolvedEmailFacts["how"], string> = {
  "by-hand": "résolue à la main",
  recovery: "résolue automatiquement : la synchronisation est rétablie",
  "host-link": "résolue par le nouveau lien de l'hôte, qui fonctionne",
  "listing-archived": "résolue : l'annonce a été retirée de la plateforme",
};

/** « [Résolu] … », sent to the escalation's recipients, in the escalation e-mail's thread. */
export function renderAlertResolvedEmail(
  alert: AlertResolvedEmailFacts,
  appUrl: string,
): { subject: string; text: string; html: string } {
  const link = `${appUrl.replace(/\/$/, "")}/admin/alerts/calendar-sync/${encodeURIComponent(alert.id)}`;
  const how =
    alert.by && (alert.how === "by-hand" || alert.how === "listing-archived")
      ? `${HOW[alert.how]} par ${alert.by}`
      : HOW[alert.how];
  const rows: Array<[string, string]> = [
    ["Annonce", `${alert.listing.title} (${alert.listing.id})`],
    ["Résolution", how],
    ...(alert.note ? ([["Note", alert.note]] as Array<[string, string]>) : []),
    ["Tentatives échouées", String(alert.failedAttempts)],
    ["Escaladée le", dateTime.format(new Date(alert.escalatedAt))],
    ["Résolue le", dateTime.format(new Date(alert.resolvedAt))],
  ];
  const subject = `[Résolu] Synchronisation calendrier : ${alert.listing.title}`;
  const { text, html } = alertEmailBody({
    introText: [`L'alerte escaladée de l'annonce « ${alert.listing.title} » est ${how}.`],
    introHtml: `<p>L'alerte escaladée de l'annonce <strong>« ${escapeHtml(alert.listing.title)} »</strong> est ${escapeHtml(how)}.</p>`,
    rows,
    link,
  });
  return { subject, text, html };
}
