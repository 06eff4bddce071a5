import type { AlertEscalatedFacts } from "../events/events.service";
import { describeSyncErrorType } from "../../shared/sync-error-types";
import { maskUrlsInText } from "../../shared/mask-url";
import { escapeHtml } from "./email-html";
import { alertEmailBody } from "./alert-email-body";
import { formatMessage } from "../../shared/messages";

const dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });

export type EscalationEmailFacts = AlertEscalatedFacts;

/** The French escalation e-mail. It never carries a feed URL: the message is masked once more here. */
export function renderEscalationEmail(
  alert: EscalationEmailFacts,
  appUrl: string,
): { subject: string; text: string; html: string } {
  const type = describeSyncErrorType(alert.errorType);
  const link = `${appUrl.replace(/\/$/, "")}/admin/alerts/calendar-sync/${encodeURIComponent(alert.id)}`;
  const message = maskUrlsInText(alert.errorMessage);
  const rows: Array<[string, string]> = [
    ["Annonce", `${alert.listing.title} (${alert.listing.id})`],
    ["Type d'erreur", `${type.label} [${type.code}]`],
    ["Explication", type.hint],
    ["Tentatives échouées", String(alert.failedAttempts)],
    ...(alert.escalationReason ? ([["Escaladée pour", alert.escalationReason]] as Array<[string, string]>) : []),
    ["Premier échec", dateTime.format(new Date(alert.firstFailedAt))],
    ["Dernier échec", dateTime.format(new Date(alert.lastFailedAt))],
    ["Message", message],
  ];
  const subject = `[Escaladé] Synchronisation calendrier en échec : ${alert.listing.title} (${formatMessage("failures", { count: alert.failedAttempts })})`;
  const { text, html } = alertEmailBody({
    introText: [
      `La synchronisation du calendrier de l'annonce « ${alert.listing.title} » échoue de façon répétée : l'alerte a été escaladée.`,
      "Tant qu'elle n'est pas corrigée, l'hôte risque une double réservation.",
    ],
    introHtml: `<p>La synchronisation du calendrier de l'annonce <strong>« ${escapeHtml(alert.listing.title)} »</strong> échoue de façon répétée : l'alerte a été <strong>escaladée</strong>. Tant qu'elle n'est pas corrigée, l'hôte risque une double réservation.</p>`,
    rows,
    link,
  });
  return { subject, text, html };
}
