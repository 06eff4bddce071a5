/** Stable failure codes stored in alerts and sync runs, with what support reads about each, in one place. */
export const SYNC_ERROR_TYPES = {
  FEED_NOT_FOUND: {
    label: "Calendrier introuvable (404)",
    hint: "Le lien d'export a été révoqué ou régénéré chez la plateforme. Demander à l'hôte le nouveau lien iCal et remplacer le flux.",
  },
  FEED_GONE: {
    label: "Calendrier supprimé (410)",
    hint: "La plateforme indique que ce calendrier n'existe plus. Vérifier avec l'hôte si l'annonce existe encore chez elle.",
  },
  ACCESS_DENIED: {
    label: "Accès refusé (401/403)",
    hint: "La plateforme refuse l'accès : lien privé expiré ou annonce désactivée. Demander à l'hôte un nouveau lien d'export.",
  },
  RATE_LIMITED: {
    label: "Trop de requêtes (429)",
    hint: "La plateforme limite temporairement les imports. La synchronisation reprendra d'elle-même ; escalader si cela dure plus d'une journée.",
  },
  REMOTE_SERVER_ERROR: {
    label: "Erreur du serveur distant (5xx)",
    hint: "Panne chez la plateforme. En général passager : surveiller, et prévenir l'hôte si cela dure.",
  },
  TIMEOUT: {
    label: "Délai dépassé",
    hint: "La plateforme n'a pas répondu à temps. Souvent passager ; si cela persiste, vérifier le lien avec l'hôte.",
  },
  DNS_FAILURE: {
    label: "Nom de domaine introuvable",
    hint: "Le nom de domaine du lien ne résout pas : lien mal copié ou service fermé. Vérifier l'URL avec l'hôte.",
  },
  CONNECTION_FAILED: {
    label: "Connexion impossible",
    hint: "Connexion refusée ou interrompue par le serveur distant. Souvent passager.",
  },
  TLS_ERROR: {
    label: "Erreur de certificat (TLS)",
    hint: "Le certificat HTTPS du serveur distant est invalide. Vérifier que l'hôte utilise bien le lien officiel de la plateforme.",
  },
  TOO_MANY_REDIRECTS: {
    label: "Trop de redirections",
    hint: "Le lien redirige en boucle. Demander à l'hôte le lien d'export direct.",
  },
  FEED_TOO_LARGE: {
    label: "Calendrier trop volumineux",
    hint: "Le fichier dépasse la taille maximale acceptée. Vérifier que le lien pointe bien vers un export iCal.",
  },
  FEED_TOO_COMPLEX: {
    label: "Calendrier trop complexe",
    hint: "Les événements répétés du calendrier demandent trop de calcul (répétitions sans fin depuis des années). Demander à l'hôte le lien d'export de la plateforme, ou de simplifier ses événements répétés.",
  },
  INVALID_ICAL: {
    label: "Format iCal invalide",
    hint: "Le lien ne renvoie pas un calendrier iCal (page HTML, JSON ou fichier corrompu). Vérifier le lien avec l'hôte.",
  },
  HTTP_ERROR: {
    label: "Erreur HTTP",
    hint: "Le serveur distant a répondu avec un statut inattendu. Voir le message détaillé.",
  },
  INVALID_URL: {
    label: "URL invalide",
    hint: "Le lien enregistré n'est pas une URL http(s) valide. Le faire corriger par l'hôte.",
  },
  BLOCKED_ADDRESS: {
    label: "Adresse bloquée",
    hint: "Le lien pointe vers une adresse interne ou interdite (protection SSRF). Il doit être remplacé par le lien public de la plateforme.",
  },
  FEED_SUDDENLY_EMPTY: {
    label: "Calendrier soudainement vide",
    hint: "Le flux ne contient plus aucun événement alors qu'il en avait. Les réservations importées sont conservées jusqu'à confirmation. Vérifier avec l'hôte.",
  },
  UNEXPECTED_ERROR: {
    label: "Erreur inattendue",
    hint: "Erreur interne lors de la synchronisation. Transmettre l'alerte à l'équipe technique.",
  },
} as const satisfies Record<string, { label: string; hint: string }>;

export type SyncErrorType = keyof typeof SYNC_ERROR_TYPES;

export function describeSyncErrorType(code: string): { code: string; label: string; hint: string } {
  const known = (SYNC_ERROR_TYPES as Record<string, { label: string; hint: string }>)[code];
  return { code, label: known?.label ?? code, hint: known?.hint ?? SYNC_ERROR_TYPES.UNEXPECTED_ERROR.hint };
}
