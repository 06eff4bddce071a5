import type { AlertDTO } from "../support/alerts/alert-dto";
import { describeSyncErrorType } from "../../shared/sync-error-types";
import { maskUrlsInText } from "../../shared/mask-url";

const dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** The French escalation e-mail. It never carries a feed URL: the message is masked once more here. */
export function renderEscalationEmail(alert: AlertDTO, appUrl: string): { subject: string; text: string; html: string } {
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
  const subject = `[Escaladé] Synchronisation calendrier en échec : ${alert.listing.title} (${alert.failedAttempts} échecs)`;
  const text = [
    "Bonjour,",
    "",
    `La synchronisation du calendrier de l'annonce « ${alert.listing.title} » échoue de façon répétée : l'alerte a été escaladée.`,
    "Tant qu'elle n'est pas corrigée, l'hôte risque une double réservation.",
    "",
    ...rows.map(([label, value]) => `${label} : ${value}`),
    "",
    `Voir l'alerte dans le back-office : ${link}`,
    "",
    "— Alertes calendrier",
  ].join("\n");
  const html = `<!doctype html><html lang="fr"><body style="font-family:system-ui,sans-serif;color:#0f172a">
<p>Bonjour,</p>
<p>La synchronisation du calendrier de l'annonce <strong>« ${escapeHtml(alert.listing.title)} »</strong> échoue de façon répétée : l'alerte a été <strong>escaladée</strong>. Tant qu'elle n'est pas corrigée, l'hôte risque une double réservation.</p>
<table cellpadding="6" style="border-collapse:collapse">
${rows.map(([label, value]) => `<tr><th align="left" style="border-bottom:1px solid #e2e8f0">${escapeHtml(label)}</th><td style="border-bottom:1px solid #e2e8f0">${escapeHtml(value)}</td></tr>`).join("\n")}
</table>
<p><a href="${escapeHtml(link)}">Voir l'alerte dans le back-office</a></p>
<p style="color:#64748b">— Alertes calendrier</p>
</body></html>`;
  return { subject, text, html };
}
