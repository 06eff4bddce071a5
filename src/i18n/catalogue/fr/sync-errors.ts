// What support reads about each failure code: a short label and the hint of what to do.
export const syncErrors = {
  "label.FEED_NOT_FOUND": "Calendrier introuvable (404)",
  "hint.FEED_NOT_FOUND":
    "Le lien d'export a été révoqué ou régénéré chez la plateforme. Demander à l'hôte le nouveau lien iCal et remplacer le flux.",
  "label.FEED_GONE": "Calendrier supprimé (410)",
  "hint.FEED_GONE":
    "La plateforme indique que ce calendrier n'existe plus. Vérifier avec l'hôte si l'annonce existe encore chez elle.",
  "label.ACCESS_DENIED": "Accès refusé (401/403)",
  "hint.ACCESS_DENIED":
    "La plateforme refuse l'accès : lien privé expiré ou annonce désactivée. Demander à l'hôte un nouveau lien d'export.",
  "label.RATE_LIMITED": "Trop de requêtes (429)",
  "hint.RATE_LIMITED":
    "La plateforme limite temporairement les imports. La synchronisation reprendra d'elle-même ; escalader si cela dure plus d'une journée.",
  "label.REMOTE_SERVER_ERROR": "Erreur du serveur distant (5xx)",
  "hint.REMOTE_SERVER_ERROR":
    "Panne chez la plateforme. En général passager : surveiller, et prévenir l'hôte si cela dure.",
  "label.TIMEOUT": "Délai dépassé",
  "hint.TIMEOUT":
    "La plateforme n'a pas répondu à temps. Souvent passager ; si cela persiste, vérifier le lien avec l'hôte.",
  "label.DNS_FAILURE": "Nom de domaine introuvable",
  "hint.DNS_FAILURE":
    "Le nom de domaine du lien ne résout pas : lien mal copié ou service fermé. Vérifier l'URL avec l'hôte.",
  "label.CONNECTION_FAILED": "Connexion impossible",
  "hint.CONNECTION_FAILED": "Connexion refusée ou interrompue par le serveur distant. Souvent passager.",
  "label.TLS_ERROR": "Erreur de certificat (TLS)",
  "hint.TLS_ERROR":
    "Le certificat HTTPS du serveur distant est invalide. Vérifier que l'hôte utilise bien le lien officiel de la plateforme.",
  "label.TOO_MANY_REDIRECTS": "Trop de redirections",
  "hint.TOO_MANY_REDIRECTS": "Le lien redirige en boucle. Demander à l'hôte le lien d'export direct.",
  "label.FEED_TOO_LARGE": "Calendrier trop volumineux",
  "hint.FEED_TOO_LARGE":
    "Le fichier dépasse la taille maximale acceptée. Vérifier que le lien pointe bien vers un export iCal.",
  "label.FEED_TOO_COMPLEX": "Calendrier trop complexe",
  "hint.FEED_TOO_COMPLEX":
    "Les événements répétés du calendrier demandent trop de calcul (répétitions sans fin depuis des années). Demander à l'hôte le lien d'export de la plateforme, ou de simplifier ses événements répétés.",
  "label.INVALID_ICAL": "Format iCal invalide",
  "hint.INVALID_ICAL":
    "Le lien ne renvoie pas un calendrier iCal (page HTML, JSON ou fichier corrompu). Vérifier le lien avec l'hôte.",
  "label.HTTP_ERROR": "Erreur HTTP",
  "hint.HTTP_ERROR": "Le serveur distant a répondu avec un statut inattendu. Voir le message détaillé.",
  "label.INVALID_URL": "URL invalide",
  "hint.INVALID_URL": "Le lien enregistré n'est pas une URL http(s) valide. Le faire corriger par l'hôte.",
  "label.BLOCKED_ADDRESS": "Adresse bloquée",
  "hint.BLOCKED_ADDRESS":
    "Le lien pointe vers une adresse interne ou interdite (protection SSRF). Il doit être remplacé par le lien public de la plateforme.",
  "label.FEED_SUDDENLY_EMPTY": "Calendrier soudainement vide",
  "hint.FEED_SUDDENLY_EMPTY":
    "Le flux ne contient plus aucun événement alors qu'il en avait. Les réservations importées sont conservées jusqu'à confirmation. Vérifier avec l'hôte.",
  "label.EXPORT_NOT_READ": "Export plus lu par la plateforme",
  "hint.EXPORT_NOT_READ":
    "La plateforme ne lit plus le lien d'export de l'annonce : l'hôte l'a sans doute retiré chez elle, ou son import est cassé. Les nuits vendues ailleurs restent ouvertes chez elle. L'hôte a reçu les étapes pour vérifier le lien ; l'alerte se ferme d'elle-même à la prochaine lecture.",
  "label.UNEXPECTED_ERROR": "Erreur inattendue",
  "hint.UNEXPECTED_ERROR": "Erreur interne lors de la synchronisation. Transmettre l'alerte à l'équipe technique.",
} as const;
