// What a host reads about a broken calendar link: plain French, no codes, and the steps on their own platform.
// Used by the host notice e-mail and the « Mes calendriers » page, so both say the same thing.

import type { SyncErrorType } from "./sync-error-types";

const WHAT_WE_SAW: Record<string, string> = {
  FEED_NOT_FOUND:
    "la plateforme répond que ce lien de calendrier n'existe plus. Il a probablement été régénéré ou supprimé.",
  FEED_GONE: "la plateforme répond que ce calendrier a été supprimé.",
  ACCESS_DENIED:
    "la plateforme refuse de nous donner ce calendrier : le lien est privé, a expiré, ou l'annonce y est désactivée.",
  INVALID_ICAL:
    "le lien mène à une page web, pas au fichier de calendrier (iCal) : c'est souvent le lien de la page de l'annonce qui a été copié à la place du lien d'export.",
  INVALID_URL: "le lien enregistré n'est pas une adresse web valide.",
  TOO_MANY_REDIRECTS: "le lien renvoie sans fin d'une adresse à une autre, sans jamais donner le calendrier.",
  BLOCKED_ADDRESS: "le lien mène à une adresse que nous ne pouvons pas joindre (réseau privé ou adresse interdite).",
  FEED_TOO_COMPLEX:
    "le calendrier contient des événements répétés à l'infini (souvent depuis des dizaines d'années) qui demandent trop de calcul pour être lus. Un export de plateforme n'en contient pas : c'est le plus souvent un agenda personnel.",
  FEED_SUDDENLY_EMPTY:
    "le calendrier, qui contenait des réservations, est maintenant vide, ce qui arrive quand l'export a été réinitialisé.",
  EXPORT_NOT_READ:
    "la plateforme ne lit plus le calendrier que nous exportons pour elle : le lien a sans doute été retiré de ses réglages, ou mal collé.",
};

const STEPS: Record<string, string[]> = {
  Airbnb: [
    "Connectez-vous à Airbnb et ouvrez l'annonce, onglet « Disponibilités ».",
    "Dans « Connecter des calendriers », choisissez « Exporter le calendrier » et copiez le lien qui finit par .ics.",
    "Collez ce lien dans « Mes calendriers » à la place de l'ancien.",
  ],
  "Booking.com": [
    "Connectez-vous à l'extranet Booking.com, menu « Tarifs et disponibilités », puis « Synchroniser les calendriers ».",
    "Choisissez « Exporter le calendrier » et copiez le lien proposé.",
    "Collez ce lien dans « Mes calendriers » à la place de l'ancien.",
  ],
  "Vrbo/Abritel": [
    "Connectez-vous à votre espace propriétaire Vrbo/Abritel et ouvrez le calendrier de l'annonce.",
    "Dans « Importer/Exporter », choisissez « Exporter le calendrier » et copiez le lien iCal.",
    "Collez ce lien dans « Mes calendriers » à la place de l'ancien.",
  ],
  "Google Agenda": [
    "Ouvrez Google Agenda sur un ordinateur, puis les paramètres de l'agenda concerné.",
    "Dans « Intégrer l'agenda », copiez l'« Adresse secrète au format iCal ».",
    "Collez ce lien dans « Mes calendriers » à la place de l'ancien.",
  ],
};

const GENERIC_STEPS = [
  "Connectez-vous à la plateforme qui gère ce calendrier et cherchez l'option « Exporter » ou « Synchroniser » (format iCal, lien en .ics).",
  "Copiez ce lien d'export (et non le lien de la page de l'annonce).",
  "Collez-le dans « Mes calendriers » à la place de l'ancien.",
];

export interface HostGuidance {
  platform: string;
  whatWeSaw: string;
  risk: string;
  steps: string[];
}

/** The explanation and steps for a feed of `providerKey` that failed with `errorType`. */
export function hostGuidance(providerKey: string, errorType: SyncErrorType): HostGuidance {
  const known = STEPS[providerKey];
  return {
    platform: known ? providerKey : providerKey || "votre plateforme",
    whatWeSaw: WHAT_WE_SAW[errorType] ?? "nous n'arrivons pas à lire ce calendrier.",
    risk: "Tant que ce lien ne fonctionne pas, les réservations prises sur cette plateforme n'arrivent plus ici : le logement peut être réservé deux fois pour les mêmes dates.",
    steps: known ?? GENERIC_STEPS,
  };
}
