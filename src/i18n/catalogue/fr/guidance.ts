// What a host reads about a broken calendar link (the notice e-mail and « Mes calendriers »): plain words, no codes.
export const guidance = {
  "whatWeSaw.FEED_NOT_FOUND":
    "la plateforme répond que ce lien de calendrier n'existe plus. Il a probablement été régénéré ou supprimé.",
  "whatWeSaw.FEED_GONE": "la plateforme répond que ce calendrier a été supprimé.",
  "whatWeSaw.ACCESS_DENIED":
    "la plateforme refuse de nous donner ce calendrier : le lien est privé, a expiré, ou l'annonce y est désactivée.",
  "whatWeSaw.INVALID_ICAL":
    "le lien mène à une page web, pas au fichier de calendrier (iCal) : c'est souvent le lien de la page de l'annonce qui a été copié à la place du lien d'export.",
  "whatWeSaw.INVALID_URL": "le lien enregistré n'est pas une adresse web valide.",
  "whatWeSaw.TOO_MANY_REDIRECTS":
    "le lien renvoie sans fin d'une adresse à une autre, sans jamais donner le calendrier.",
  "whatWeSaw.BLOCKED_ADDRESS":
    "le lien mène à une adresse que nous ne pouvons pas joindre (réseau privé ou adresse interdite).",
  "whatWeSaw.FEED_TOO_COMPLEX":
    "le calendrier contient des événements répétés à l'infini (souvent depuis des dizaines d'années) qui demandent trop de calcul pour être lus. Un export de plateforme n'en contient pas : c'est le plus souvent un agenda personnel.",
  "whatWeSaw.FEED_SUDDENLY_EMPTY":
    "le calendrier, qui contenait des réservations, est maintenant vide, ce qui arrive quand l'export a été réinitialisé.",
  "whatWeSaw.EXPORT_NOT_READ":
    "la plateforme ne lit plus le calendrier que nous exportons pour elle : le lien a sans doute été retiré de ses réglages, ou mal collé.",
  "whatWeSaw.other": "nous n'arrivons pas à lire ce calendrier.",
  risk: "Tant que ce lien ne fonctionne pas, les réservations prises sur cette plateforme n'arrivent plus ici : le logement peut être réservé deux fois pour les mêmes dates.",
  yourPlatform: "votre plateforme",
  "steps.airbnb.1": "Connectez-vous à Airbnb et ouvrez l'annonce, onglet « Disponibilités ».",
  "steps.airbnb.2":
    "Dans « Connecter des calendriers », choisissez « Exporter le calendrier » et copiez le lien qui finit par .ics.",
  "steps.booking.1":
    "Connectez-vous à l'extranet Booking.com, menu « Tarifs et disponibilités », puis « Synchroniser les calendriers ».",
  "steps.booking.2": "Choisissez « Exporter le calendrier » et copiez le lien proposé.",
  "steps.vrbo.1": "Connectez-vous à votre espace propriétaire Vrbo/Abritel et ouvrez le calendrier de l'annonce.",
  "steps.vrbo.2": "Dans « Importer/Exporter », choisissez « Exporter le calendrier » et copiez le lien iCal.",
  "steps.google.1": "Ouvrez Google Agenda sur un ordinateur, puis les paramètres de l'agenda concerné.",
  "steps.google.2": "Dans « Intégrer l'agenda », copiez l'« Adresse secrète au format iCal ».",
  "steps.other.1":
    "Connectez-vous à la plateforme qui gère ce calendrier et cherchez l'option « Exporter » ou « Synchroniser » (format iCal, lien en .ics).",
  "steps.other.2": "Copiez ce lien d'export (et non le lien de la page de l'annonce).",
  "steps.paste": "Collez ce lien dans « Mes calendriers » à la place de l'ancien.",
  "exportSteps.airbnb.1": "Sur Airbnb, ouvrez Calendrier › Disponibilités › Connecter des calendriers.",
  "exportSteps.airbnb.2":
    "Vérifiez que ce lien y est toujours ; s'il n'y est plus, ajoutez-le (« Importer un calendrier »).",
  "exportSteps.airbnb.3":
    "Airbnb le relit toutes les deux à trois heures : l'alerte se ferme d'elle-même à sa prochaine lecture.",
  "exportSteps.booking.1":
    "Sur l'extranet Booking.com, ouvrez Tarifs et disponibilités › Synchroniser les calendriers.",
  "exportSteps.booking.2": "Vérifiez que ce lien figure parmi les calendriers importés ; sinon, importez-le à nouveau.",
  "exportSteps.booking.3":
    "Booking.com le relit plusieurs fois par jour : l'alerte se ferme d'elle-même à sa prochaine lecture.",
  "exportSteps.vrbo.1": "Sur Vrbo/Abritel, ouvrez Calendrier › Importer et exporter › Importer un calendrier.",
  "exportSteps.vrbo.2": "Vérifiez que ce lien y est toujours ; sinon, importez-le à nouveau.",
  "exportSteps.vrbo.3": "La plateforme le relit régulièrement : l'alerte se ferme d'elle-même à sa prochaine lecture.",
  "exportSteps.other.1": "Ouvrez les réglages de calendrier de la plateforme ou de l'agenda qui importe ce lien.",
  "exportSteps.other.2": "Vérifiez que ce lien y est toujours ; sinon, ajoutez-le à nouveau.",
  "destination.other": "Autre",
  "reader.unknown": "un lecteur inconnu",
  "reader.apple": "Calendrier Apple",
  "check.transient":
    "La plateforme ne répond pas correctement pour le moment : le lien est enregistré et nous réessaierons automatiquement.",
  "check.refused": "Ce lien ne peut pas être utilisé : {reason}",
} as const;
