import type { DigestFacts } from "../../shared/digest-facts";
import { emailDocument, escapeHtml, factsTable, link as htmlLink } from "./email-html";
import { textLines } from "./email-text";
import { formatMessage } from "../../shared/messages";

const dayTime = new Intl.DateTimeFormat("fr-FR", {
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Paris",
});

/** The morning digest to support, in French: `day` is the local date it is for (« 2026-11-28 »). */
export function renderDigestEmail(
  facts: DigestFacts,
  input: { day: string; appUrl: string },
): { subject: string; text: string; html: string } {
  const base = input.appUrl.replace(/\/$/, "");
  const alertLink = (id: string) => `${base}/admin/alerts/calendar-sync/${encodeURIComponent(id)}`;
  const age = facts.openByAge;
  const open = age.underDay + age.oneToThreeDays + age.threeToSevenDays + age.overWeek;
  const rows: Array<[string, string]> = [
    [
      "Alertes ouvertes",
      `${open} (moins d'un jour : ${age.underDay} · 1 à 3 jours : ${age.oneToThreeDays} · 3 à 7 jours : ${age.threeToSevenDays} · plus d'une semaine : ${age.overWeek})`,
    ],
    ["En pause", String(facts.snoozed)],
    ["Escaladées sans responsable", String(facts.unownedEscalated.count)],
    ["Arrivées à risque (7 jours)", String(facts.arrivalsAtRisk.count)],
    [
      "Depuis le dernier résumé",
      `${formatMessage("alertsOpened", { count: facts.openedSince })}, ${formatMessage("alertsResolvedSince", { count: facts.resolvedSince })}`,
    ],
    ["Incidents fournisseur ouverts", facts.openIncidents.length > 0 ? facts.openIncidents.join(", ") : "aucun"],
    [
      "Doubles réservations ouvertes",
      `${formatMessage("conflictsCertain", { count: facts.openConflicts.certain })}, ${formatMessage("conflictsProbable", { count: facts.openConflicts.probable })}`,
    ],
  ];
  const unowned = facts.unownedEscalated.listings.map((item) => ({ label: item.title, href: alertLink(item.alertId) }));
  const arrivals = facts.arrivalsAtRisk.listings.map((item) => ({
    label: `${item.title} : arrivée le ${dayTime.format(new Date(item.firstArrival))}`,
    href: alertLink(item.alertId),
  }));
  const subject = `[Résumé du matin] ${formatMessage("alertsOpened", { count: open })}, ${formatMessage("unowned", { count: facts.unownedEscalated.count })}, ${formatMessage("arrivalsAtRisk", { count: facts.arrivalsAtRisk.count })}`;
  const text = textLines([
    "Bonjour,",
    "",
    `Le résumé du ${input.day} :`,
    "",
    ...rows.map(([label, value]) => `${label} : ${value}`),
    ...(unowned.length
      ? ["", "Escaladées, personne ne s'en occupe :", ...unowned.map((item) => `- ${item.label} : ${item.href}`)]
      : []),
    ...(arrivals.length
      ? ["", "Arrivées à risque :", ...arrivals.map((item) => `- ${item.label} : ${item.href}`)]
      : []),
    "",
    `Le tableau de bord : ${base}/admin`,
    "",
    "— Alertes calendrier",
  ]);
  const list = (title: string, items: Array<{ label: string; href: string }>) =>
    items.length
      ? `<h2 style="font-size:16px">${escapeHtml(title)}</h2><ul>${items.map((item) => `<li><a href="${escapeHtml(item.href)}">${escapeHtml(item.label)}</a></li>`).join("")}</ul>`
      : "";
  const html = emailDocument(
    [
      `<p>Bonjour,</p><p>Le résumé du ${escapeHtml(input.day)} :</p>`,
      factsTable(rows),
      list("Escaladées, personne ne s'en occupe", unowned),
      list("Arrivées à risque", arrivals),
      htmlLink(`${base}/admin`, "Ouvrir le tableau de bord"),
    ],
    "— Alertes calendrier",
  );
  return { subject, text, html };
}
