/**
 * The destinations that read a listing's export links, one link each: what a link is called, the provider key its
 * imported feeds carry (the link leaves those out, so nothing echoes back to where it came from), and the host's
 * steps to check that the link is still pasted there.
 */
export const EXPORT_DESTINATIONS = {
  airbnb: {
    label: "Airbnb",
    providerKey: "Airbnb",
    steps: [
      "Sur Airbnb, ouvrez Calendrier › Disponibilités › Connecter des calendriers.",
      "Vérifiez que ce lien y est toujours ; s'il n'y est plus, ajoutez-le (« Importer un calendrier »).",
      "Airbnb le relit toutes les deux à trois heures : l'alerte se ferme d'elle-même à sa prochaine lecture.",
    ],
  },
  booking: {
    label: "Booking.com",
    providerKey: "Booking.com",
    steps: [
      "Sur l'extranet Booking.com, ouvrez Tarifs et disponibilités › Synchroniser les calendriers.",
      "Vérifiez que ce lien figure parmi les calendriers importés ; sinon, importez-le à nouveau.",
      "Booking.com le relit plusieurs fois par jour : l'alerte se ferme d'elle-même à sa prochaine lecture.",
    ],
  },
  vrbo: {
    label: "Vrbo/Abritel",
    providerKey: "Vrbo/Abritel",
    steps: [
      "Sur Vrbo/Abritel, ouvrez Calendrier › Importer et exporter › Importer un calendrier.",
      "Vérifiez que ce lien y est toujours ; sinon, importez-le à nouveau.",
      "La plateforme le relit régulièrement : l'alerte se ferme d'elle-même à sa prochaine lecture.",
    ],
  },
  other: {
    label: "Autre",
    providerKey: null,
    steps: [
      "Ouvrez les réglages de calendrier de la plateforme ou de l'agenda qui importe ce lien.",
      "Vérifiez que ce lien y est toujours ; sinon, ajoutez-le à nouveau.",
    ],
  },
} as const satisfies Record<string, { label: string; providerKey: string | null; steps: readonly string[] }>;

export type ExportDestination = keyof typeof EXPORT_DESTINATIONS;
export const EXPORT_DESTINATION_CODES = Object.keys(EXPORT_DESTINATIONS) as [ExportDestination, ...ExportDestination[]];

/** The provider key of the export incident of a destination: apart from the import side's (no feed carries it). */
export const exportIncidentKey = (destination: ExportDestination): string => `export:${destination}`;

/** The destination an export incident's key names, or null for an import incident. */
export function destinationOfIncidentKey(providerKey: string): ExportDestination | null {
  const code = providerKey.startsWith("export:") ? providerKey.slice("export:".length) : null;
  return code !== null && Object.hasOwn(EXPORT_DESTINATIONS, code) ? (code as ExportDestination) : null;
}

/** « Airbnb (export) » for an export incident's key, the key itself otherwise. */
export function providerDisplayName(providerKey: string): string {
  const destination = destinationOfIncidentKey(providerKey);
  return destination ? `${EXPORT_DESTINATIONS[destination].label} (export)` : providerKey;
}

/** The path of an export link: what a destination reads. */
export const exportLinkPath = (token: string): string => `/ical/${token}.ics`;
