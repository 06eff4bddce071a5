/**
 * Stable failure codes stored in alerts and sync runs, and what each means, in one table:
 * - hostFixable: only the host can fix it (their link is revoked, private, not an export, wrong): the host is told in
 *   plain words, a link failing so is refused when saved, and it never counts towards a provider incident;
 * - transient: the platform fails only for now: a link failing so when saved is kept, and the worker retries;
 * - providerFailure: the provider's own failure, counted towards its incident (never the host's error);
 * - the label and hint support reads.
 * A 429 or a 503's Retry-After is honoured whatever the type (the fetcher reads it on those statuses only).
 */
export const SYNC_ERROR_TYPES = {
  FEED_NOT_FOUND: {
    hostFixable: true,
    transient: false,
    providerFailure: false,
    label: "Calendrier introuvable (404)",
    hint: "Le lien d'export a été révoqué ou régénéré chez la plateforme. Demander à l'hôte le nouveau lien iCal et remplacer le flux.",
  },
  FEED_GONE: {
    hostFixable: true,
    transient: false,
    providerFailure: false,
    label: "Calendrier supprimé (410)",
    hint: "La plateforme indique que ce calendrier n'existe plus. Vérifier avec l'hôte si l'annonce existe encore chez elle.",
  },
  ACCESS_DENIED: {
    hostFixable: true,
    transient: false,
    providerFailure: false,
    label: "Accès refusé (401/403)",
    hint: "La plateforme refuse l'accès : lien privé expiré ou annonce désactivée. Demander à l'hôte un nouveau lien d'export.",
  },
  RATE_LIMITED: {
    hostFixable: false,
    transient: true,
    providerFailure: true,
    label: "Trop de requêtes (429)",
    hint: "La plateforme limite temporairement les imports. La synchronisation reprendra d'elle-même ; escalader si cela dure plus d'une journée.",
  },
  REMOTE_SERVER_ERROR: {
    hostFixable: false,
    transient: true,
    providerFailure: true,
    label: "Erreur du serveur distant (5xx)",
    hint: "Panne chez la plateforme. En général passager : surveiller, et prévenir l'hôte si cela dure.",
  },
  TIMEOUT: {
    hostFixable: false,
    transient: true,
    providerFailure: true,
    label: "Délai dépassé",
    hint: "La plateforme n'a pas répondu à temps. Souvent passager ; si cela persiste, vérifier le lien avec l'hôte.",
  },
  DNS_FAILURE: {
    hostFixable: false,
    transient: false,
    providerFailure: true,
    label: "Nom de domaine introuvable",
    hint: "Le nom de domaine du lien ne résout pas : lien mal copié ou service fermé. Vérifier l'URL avec l'hôte.",
  },
  CONNECTION_FAILED: {
    hostFixable: false,
    transient: true,
    providerFailure: true,
    label: "Connexion impossible",
    hint: "Connexion refusée ou interrompue par le serveur distant. Souvent passager.",
  },
  TLS_ERROR: {
    hostFixable: false,
    transient: false,
    providerFailure: true,
    label: "Erreur de certificat (TLS)",
    hint: "Le certificat HTTPS du serveur distant est invalide. Vérifier que l'hôte utilise bien le lien officiel de la plateforme.",
  },
  TOO_MANY_REDIRECTS: {
    hostFixable: true,
    transient: false,
    providerFailure: false,
    label: "Trop de redirections",
    hint: "Le lien redirige en boucle. Demander à l'hôte le lien d'export direct.",
  },
  FEED_TOO_LARGE: {
    hostFixable: false,
    transient: false,
    providerFailure: true,
    label: "Calendrier trop volumineux",
    hint: "Le fichier dépasse la taille maximale acceptée. Vérifier que le lien pointe bien vers un export iCal.",
  },
  FEED_TOO_COMPLEX: {
    hostFixable: true,
    transient: false,
    providerFailure: false,
    label: "Calendrier trop complexe",
    hint: "Les événements répétés du calendrier demandent trop de calcul (répétitions sans fin depuis des années). Demander à l'hôte le lien d'export de la plateforme, ou de simplifier ses événements répétés.",
  },
  INVALID_ICAL: {
    hostFixable: true,
    transient: false,
    providerFailure: false,
    label: "Format iCal invalide",
    hint: "Le lien ne renvoie pas un calendrier iCal (page HTML, JSON ou fichier corrompu). Vérifier le lien avec l'hôte.",
  },
  HTTP_ERROR: {
    hostFixable: false,
    transient: false,
    providerFailure: true,
    label: "Erreur HTTP",
    hint: "Le serveur distant a répondu avec un statut inattendu. Voir le message détaillé.",
  },
  INVALID_URL: {
    hostFixable: true,
    transient: false,
    providerFailure: false,
    label: "URL invalide",
    hint: "Le lien enregistré n'est pas une URL http(s) valide. Le faire corriger par l'hôte.",
  },
  BLOCKED_ADDRESS: {
    hostFixable: true,
    transient: false,
    providerFailure: false,
    label: "Adresse bloquée",
    hint: "Le lien pointe vers une adresse interne ou interdite (protection SSRF). Il doit être remplacé par le lien public de la plateforme.",
  },
  FEED_SUDDENLY_EMPTY: {
    hostFixable: true,
    transient: false,
    providerFailure: false,
    label: "Calendrier soudainement vide",
    hint: "Le flux ne contient plus aucun événement alors qu'il en avait. Les réservations importées sont conservées jusqu'à confirmation. Vérifier avec l'hôte.",
  },
  EXPORT_NOT_READ: {
    hostFixable: true,
    transient: false,
    providerFailure: false,
    label: "Export plus lu par la plateforme",
    hint: "La plateforme ne lit plus le lien d'export de l'annonce : l'hôte l'a sans doute retiré chez elle, ou son import est cassé. Les nuits vendues ailleurs restent ouvertes chez elle. L'hôte a reçu les étapes pour vérifier le lien ; l'alerte se ferme d'elle-même à la prochaine lecture.",
  },
  UNEXPECTED_ERROR: {
    hostFixable: false,
    transient: true,
    providerFailure: true,
    label: "Erreur inattendue",
    hint: "Erreur interne lors de la synchronisation. Transmettre l'alerte à l'équipe technique.",
  },
} as const satisfies Record<
  string,
  { hostFixable: boolean; transient: boolean; providerFailure: boolean; label: string; hint: string }
>;

export type SyncErrorType = keyof typeof SYNC_ERROR_TYPES;

const ALL_TYPES = Object.keys(SYNC_ERROR_TYPES) as SyncErrorType[];
const known = (code: string | null | undefined): SyncErrorType | null =>
  code && Object.hasOwn(SYNC_ERROR_TYPES, code) ? (code as SyncErrorType) : null;

/** Only the host can fix it (an unknown code is not). */
export const isHostFixable = (code: SyncErrorType | null | undefined): boolean => {
  const type = known(code);
  return type !== null && SYNC_ERROR_TYPES[type].hostFixable;
};
/**
 * The host is sent the notice after HOST_NOTICE_AFTER_FAILURES failures of this type in a row: the host-fixable
 * errors, but an emptied calendar, whose notice waits until the emptiness is confirmed (record-confirmed-empty.ts).
 */
export const noticesHostOnFailures = (code: SyncErrorType | null | undefined): boolean =>
  isHostFixable(code) && code !== "FEED_SUDDENLY_EMPTY" && code !== "EXPORT_NOT_READ";

/** The export side's one error: a destination stopped reading our link. Every other type is the import's. */
export const EXPORT_ERROR_TYPES: readonly SyncErrorType[] = ["EXPORT_NOT_READ"];
export const directionOf = (code: SyncErrorType | string | null | undefined): "import" | "export" =>
  code === "EXPORT_NOT_READ" ? "export" : "import";
/** The platform fails only for now; an unknown code counts as unexpected, so transient. */
export const isTransient = (code: SyncErrorType | null | undefined): boolean =>
  SYNC_ERROR_TYPES[known(code) ?? "UNEXPECTED_ERROR"].transient;
/** Counted towards a provider incident; an unknown code counts as unexpected. */
export const isProviderFailure = (code: SyncErrorType | null | undefined): boolean =>
  SYNC_ERROR_TYPES[known(code) ?? "UNEXPECTED_ERROR"].providerFailure;
/** The types that are the host's own, for SQL that leaves them out. */
export const HOST_FIXABLE_TYPES: readonly SyncErrorType[] = ALL_TYPES.filter(
  (type) => SYNC_ERROR_TYPES[type].hostFixable,
);

export function describeSyncErrorType(code: string): { code: string; label: string; hint: string } {
  const known = (SYNC_ERROR_TYPES as Record<string, { label: string; hint: string }>)[code];
  return { code, label: known?.label ?? code, hint: known?.hint ?? SYNC_ERROR_TYPES.UNEXPECTED_ERROR.hint };
}

/** Every code, as a tuple for z.enum. */
export const SYNC_ERROR_TYPE_CODES = Object.keys(SYNC_ERROR_TYPES) as [SyncErrorType, ...SyncErrorType[]];
