import type { AlertEventDTO } from "@/server/services/read-models/read-models.service";
import { formatDateTime } from "./format";

/** One line of the alert's timeline for what support did, in French. */
export function alertEventText(event: AlertEventDTO): string {
  const who = event.actor?.name ?? "Le système";
  const data = event.data ?? {};
  switch (event.kind) {
    case "note":
      return `Note de ${who}`;
    case "assigned":
      return data.assigneeId === event.actor?.id
        ? `${who} s'en occupe`
        : `${who} a confié l'alerte à ${String(data.assigneeName ?? "un collègue")}`;
    case "unassigned":
      return data.reason === "account_disabled"
        ? `Alerte libérée : le compte de ${String(data.previousAssigneeName ?? "son responsable")} a été désactivé par ${who}`
        : `${who} a libéré l'alerte`;
    case "snoozed":
      return data.untilChange
        ? `${who} a mis l'alerte en pause jusqu'à ce que l'erreur change`
        : `${who} a mis l'alerte en pause jusqu'au ${formatDateTime(typeof data.until === "string" ? data.until : null)}`;
    case "unsnoozed":
      return `${who} a repris l'alerte`;
    case "woke":
      return data.reason === "change" ? "Fin de la pause : l'erreur a changé" : "Fin de la pause";
    case "second_level":
      return "Deuxième niveau prévenu : personne ne s'en occupait";
  }
}
