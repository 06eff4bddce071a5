import type { ChannelEventType } from "../../../db/schema";

/** An event as the channels' formats read it. */
export interface ChannelEvent {
  id: string;
  type: ChannelEventType | "test";
  /** ISO 8601: when it happened. */
  timestamp: string;
  data: Record<string, unknown>;
}

/** What a human reads of an event, in French: a title, a few labelled facts, a link and its button's label. */
export interface EventSummary {
  title: string;
  facts: Array<[string, string]>;
  url: string | null;
  action: string;
}

const dateTime = new Intl.DateTimeFormat("fr-FR", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Europe/Paris",
});
const day = new Intl.DateTimeFormat("fr-FR", { dateStyle: "full", timeZone: "UTC" });
const when = (iso: unknown) =>
  typeof iso === "string" && !Number.isNaN(Date.parse(iso)) ? dateTime.format(new Date(iso)) : "—";
const night = (iso: unknown) =>
  typeof iso === "string" && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? day.format(new Date(`${iso}T00:00:00Z`)) : "—";
const str = (value: unknown) =>
  typeof value === "string" ? value : value === null || value === undefined ? "—" : String(value);
const obj = (value: unknown) => (value && typeof value === "object" ? (value as Record<string, unknown>) : {});

const HOW: Record<string, string> = {
  "by-hand": "résolue à la main",
  recovery: "les calendriers se synchronisent de nouveau",
  "host-link": "l'hôte a remplacé son lien",
  "listing-archived": "l'annonce a été retirée de la plateforme",
};

export function summarizeEvent(event: ChannelEvent): EventSummary {
  const data = event.data;
  switch (event.type) {
    case "alert.escalated": {
      const alert = obj(data.alert);
      const listing = obj(alert.listing);
      return {
        title: `Alerte escaladée : ${str(listing.title)}`,
        facts: [
          ["Annonce", str(listing.title)],
          ["Erreur", `${str(alert.errorLabel)} — ${str(alert.errorHint)}`],
          ["Tentatives échouées", str(alert.failedAttempts)],
          ["Prochaine arrivée à risque", data.nextArrivalAt ? when(data.nextArrivalAt) : "aucune dans les 7 jours"],
        ],
        url: typeof alert.url === "string" ? alert.url : null,
        action: "Ouvrir l'alerte",
      };
    }
    case "alert.resolved": {
      const alert = obj(data.alert);
      const listing = obj(alert.listing);
      return {
        title: `[Résolu] ${str(listing.title)}`,
        facts: [
          ["Annonce", str(listing.title)],
          ["Comment", HOW[str(alert.how)] ?? str(alert.how)],
          ...(alert.by ? ([["Par", str(alert.by)]] as Array<[string, string]>) : []),
          ["Résolue le", when(alert.resolvedAt)],
        ],
        url: typeof alert.url === "string" ? alert.url : null,
        action: "Ouvrir l'alerte",
      };
    }
    case "incident.opened":
    case "incident.resolved": {
      const incident = obj(data.incident);
      const opened = event.type === "incident.opened";
      return {
        title: opened
          ? `Incident fournisseur ouvert : ${str(incident.provider)}`
          : `Incident fournisseur terminé : ${str(incident.provider)}`,
        facts: [
          ["Fournisseur", str(incident.provider)],
          ["Calendriers en échec à l'ouverture", str(incident.feedsFailing)],
          ["Annonces touchées", str(incident.listingsFailing)],
          [opened ? "Ouvert le" : "Terminé le", when(opened ? incident.openedAt : incident.resolvedAt)],
        ],
        url: typeof incident.url === "string" ? incident.url : null,
        action: "Ouvrir l'incident",
      };
    }
    case "conflict.detected":
    case "conflict.resolved": {
      const conflict = obj(data.conflict);
      const providers = Array.isArray(conflict.providers) ? conflict.providers.map(str).join(" et ") : "—";
      const label = conflict.certainty === "certain" ? "Double réservation" : "Double réservation probable";
      return {
        title:
          event.type === "conflict.detected"
            ? `${label} : ${str(obj(conflict.listing).title)}`
            : `[Résolu] ${label} : ${str(obj(conflict.listing).title)}`,
        facts: [
          ["Annonce", str(obj(conflict.listing).title)],
          ["Nuits", `${str(conflict.nights)} (du ${night(conflict.firstNight)} au ${night(conflict.lastNight)})`],
          ["Plateformes", providers],
        ],
        url: typeof conflict.url === "string" ? conflict.url : null,
        action: "Ouvrir le conflit",
      };
    }
    case "digest": {
      const digest = obj(data.digest);
      return {
        title: `Résumé du matin (${str(digest.day)})`,
        facts: [
          ["Alertes ouvertes", str(digest.openAlerts)],
          ["Escaladées sans responsable", str(digest.unownedEscalated)],
          ["Arrivées à risque (7 jours)", str(digest.arrivalsAtRisk)],
          ["Ouvertes / résolues depuis hier", `${str(digest.openedSince)} / ${str(digest.resolvedSince)}`],
        ],
        url: typeof digest.url === "string" ? digest.url : null,
        action: "Ouvrir le tableau de bord",
      };
    }
    case "test":
      return {
        title: "Test du canal de notification",
        facts: [["Canal", str(obj(data.channel).name)]],
        url: null,
        action: "",
      };
  }
}
