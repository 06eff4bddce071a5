import type { AlertSecondLevelFacts } from "../events/events.service";
import { escapeHtml } from "./email-html";
import { alertEmailBody } from "./alert-email-body";

const dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });

export type SecondLevelEmailFacts = AlertSecondLevelFacts;

/** « 1 h », « 1 h 30 », « 45 min »: how long, in French. */
export function durationWords(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, "0")}`;
}

export function renderSecondLevelEmail(
  alert: SecondLevelEmailFacts,
  appUrl: string,
): { subject: string; text: string; html: string } {
  const link = `${appUrl.replace(/\/$/, "")}/admin/alerts/calendar-sync/${encodeURIComponent(alert.id)}`;
  const since = durationWords(alert.unownedMinutes);
  const rows: Array<[string, string]> = [
    ["Annonce", `${alert.listing.title} (${alert.listing.id})`],
    ["Escaladée le", dateTime.format(new Date(alert.escalatedAt))],
    ["Tentatives échouées", String(alert.failedAttempts)],
  ];
  const subject = `[2e niveau] Personne ne s'en occupe depuis ${since} : ${alert.listing.title}`;
  const { text, html } = alertEmailBody({
    introText: [
      `L'alerte escaladée de l'annonce « ${alert.listing.title} » n'a pas de responsable : personne ne s'en occupe depuis ${since}.`,
      "Prenez-la (« Je m'en occupe ») ou confiez-la à un membre du support.",
    ],
    introHtml: `<p>L'alerte escaladée de l'annonce <strong>« ${escapeHtml(alert.listing.title)} »</strong> n'a pas de responsable : <strong>personne ne s'en occupe depuis ${escapeHtml(since)}</strong>. Prenez-la (« Je m'en occupe ») ou confiez-la à un membre du support.</p>`,
    rows,
    link,
  });
  return { subject, text, html };
}
