// Every e-mail: subjects, paragraphs, fact labels and signatures.
export const emails = {
  hello: "Bonjour,",
  helloName: "Bonjour {name},",
  signatureTeam: "— L'équipe support",
  signatureAlerts: "— Alertes calendrier",
  signatureSync: "— Alertes de synchronisation des calendriers",
  yourCalendars: "Vos calendriers : {link}",
  openMyCalendars: "Ouvrir « Mes calendriers »",
  factLine: "{label} : {value}",
  heading: "{title} :",
  listing: "Annonce",
  failedAttempts: "Tentatives échouées",
  escalatedAt: "Escaladée le",
  resolvedAt: "Résolue le",
  note: "Note",
  viewAlertText: "Voir l''alerte dans le back-office : {link}",
  viewAlert: "Voir l'alerte dans le back-office",
  // Escalation
  escalationSubject: "[Escaladé] Synchronisation calendrier en échec : {title} ({failures})",
  escalationIntro:
    "La synchronisation du calendrier de l''annonce « {title} » échoue de façon répétée : l''alerte a été escaladée.",
  escalationRisk: "Tant qu'elle n'est pas corrigée, l'hôte risque une double réservation.",
  errorType: "Type d'erreur",
  explanation: "Explication",
  escalatedFor: "Escaladée pour",
  firstFailure: "Premier échec",
  lastFailure: "Dernier échec",
  message: "Message",
  // Resolved
  resolvedSubject: "[Résolu] Synchronisation calendrier : {title}",
  resolvedIntro: "L''alerte escaladée de l''annonce « {title} » est {how}.",
  "how.by-hand": "résolue à la main",
  "how.recovery": "résolue automatiquement : la synchronisation est rétablie",
  "how.host-link": "résolue par le nouveau lien de l'hôte, qui fonctionne",
  "how.listing-archived": "résolue : l'annonce a été retirée de la plateforme",
  howBy: "{how} par {by}",
  resolution: "Résolution",
  // Second level
  secondLevelSubject: "[2e niveau] Personne ne s''en occupe depuis {since} : {title}",
  secondLevelIntro:
    "L''alerte escaladée de l''annonce « {title} » n''a pas de responsable : personne ne s''en occupe depuis {since}.",
  secondLevelAsk: "Prenez-la (« Je m'en occupe ») ou confiez-la à un membre du support.",
  // Host notices
  hostNoticeSubject:
    "Action requise : le calendrier {platform} de « {title} » {everRead, select, yes {ne se synchronise plus} other {ne se synchronise pas}}",
  hostNoticeIntro:
    "Nous n''arrivons {everRead, select, yes {plus} other {pas}} à importer le calendrier « {feed} » ({platform}) de votre logement « {title} » : {whatWeSaw}",
  hostNoticeFix: "Pour le réparer, il suffit d'un nouveau lien d'export :",
  hostNoticeResumes: "Dès que le nouveau lien fonctionne, la synchronisation reprend d'elle-même.",
  exportNoticeSubject: "Action requise : {destination} ne lit plus le calendrier de « {title} »",
  exportNoticeIntro:
    "{destination} ne lit plus le calendrier que nous exportons pour votre logement « {title} » : sa dernière lecture date du {lastRead}.",
  exportNoticeRisk:
    "Tant qu''il ne le lit pas, les nuits réservées ailleurs restent ouvertes sur {destination} : un voyageur peut les réserver une seconde fois.",
  exportNoticeCheck: "Pour le vérifier :",
  linkToPaste: "Le lien à coller : {url}",
  // Conflicts
  conflictSubject: "[{headline}] {title} : {nights} à partir du {first} ({a} et {b})",
  conflictWhyDirect:
    "Une réservation de la plateforme et une réservation sur {rival} occupent les mêmes nuits : le voyageur de la plateforme risque de trouver le logement occupé.",
  conflictWhyCertain: "Deux réservations, l''une sur {a}, l''autre sur {b}, occupent les mêmes nuits.",
  conflictWhyProbable:
    "Une réservation et une période fermée sans détail ({a} et {b}) occupent des nuits communes à des dates différentes : probablement deux séjours.",
  nightsInCommon: "Nuits en commun",
  platforms: "Plateformes",
  providersPair: "{a} et {b}",
  arrival: "Arrivée",
  arrivedAfter: "après {hours} h sans synchronisation",
  viewConflictText: "Voir le conflit : {link}",
  viewConflict: "Voir le conflit dans le back-office",
  conflictHostSubject: "Urgent : deux réservations se chevauchent pour « {title} »",
  conflictHostIntro: "Pour votre logement « {title} » : {message}",
  conflictEndVanished:
    "Les deux séjours ne se chevauchent plus {period} ({a} et {b}) : l''un d''eux a été annulé ou déplacé.",
  conflictEndWithdrawn:
    "L''annonce a été retirée de la plateforme : le chevauchement {period} ({a} et {b}) n''est plus suivi.",
  conflictEndDismissed:
    "Le support a vérifié les séjours {period} ({a} et {b}) : ce n''est pas une double réservation.",
  resolvedPrefix: "[Résolu] {subject}",
  conflictHostEnded: "Pour votre logement « {title} » : {why} Vous n''avez rien à faire.",
  // Incidents
  incidentSubjectExport: "[Incident fournisseur] {provider} : {count} liens d''export plus lus depuis {time}",
  incidentSubject: "[Incident fournisseur] {provider} : {failing} depuis {time}",
  incidentIntroExport:
    "{provider} ne lit plus les calendriers que nous exportons : les liens de {listings} annonces, chez plusieurs hôtes, ne sont plus lus depuis le même moment. C''est son import qui est en panne, pas les hôtes : rien n''est à faire annonce par annonce.",
  incidentDuringExport:
    "Pendant l'incident, les hôtes ne sont pas prévenus et les escalades de ces annonces sont suspendues. L'incident se ferme de lui-même quand la plateforme relit les liens ; un second e-mail l'annoncera.",
  incidentIntro:
    "{provider} ne répond plus correctement : {failing} calendriers sur {synced} synchronisés ont échoué en même temps. Rien n''est à faire annonce par annonce.",
  incidentDuring:
    "Pendant l'incident, les calendriers de ce fournisseur ne sont plus téléchargés (un test par minute vérifie son retour) et les escalades des annonces concernées sont suspendues. Un second e-mail annoncera la fin de l'incident.",
  provider: "Fournisseur",
  since: "Depuis",
  linksNotRead: "Liens plus lus",
  calendarsFailing: "Calendriers en échec",
  listingsConcerned: "Annonces concernées",
  errors: "Erreurs",
  errorCount: "{label} : {count}",
  viewIncidentText: "Voir l''incident : {link}",
  viewIncident: "Voir l'incident dans le back-office",
  incidentClosedBySupport: "L'incident a été clos par le support.",
  incidentExportRead: "La plateforme lit de nouveau les liens d'export.",
  incidentProviderBack: "Le fournisseur répond de nouveau normalement.",
  incidentResolvedSubject: "[Incident fournisseur résolu] {provider} : synchronisation rétablie à {time}",
  incidentResolvedExport: "{how} Les liens encore non lus seront escaladés annonce par annonce s''ils le restent.",
  incidentResolvedImport:
    "{how} Les calendriers de {provider} sont de nouveau synchronisés, répartis sur quelques minutes.",
  incidentResolvedAfter:
    "Les annonces dont le calendrier échoue encore seront escaladées normalement ; les autres alertes se résoudront d'elles-mêmes.",
  openedAt: "Ouvert le",
  incidentResolvedAt: "Résolu le",
  duration: "Durée",
  minutes: "{minutes} min",
  // Digest
  digestSubject: "[Résumé du matin] {open}, {unowned}, {arrivals}",
  digestOf: "Le résumé du {day} :",
  openAlerts: "Alertes ouvertes",
  openByAge:
    "{open} (moins d''un jour : {underDay} · 1 à 3 jours : {oneToThree} · 3 à 7 jours : {threeToSeven} · plus d''une semaine : {overWeek})",
  snoozed: "En pause",
  unownedEscalated: "Escaladées sans responsable",
  arrivalsAtRisk7: "Arrivées à risque (7 jours)",
  sinceLastDigest: "Depuis le dernier résumé",
  openIncidents: "Incidents fournisseur ouverts",
  none: "aucun",
  openConflicts: "Doubles réservations ouvertes",
  unownedTitle: "Escaladées, personne ne s'en occupe",
  arrivalsTitle: "Arrivées à risque",
  arrivalOn: "{title} : arrivée le {when}",
  dashboardText: "Le tableau de bord : {link}",
  openDashboard: "Ouvrir le tableau de bord",
  // Accounts
  invitationSubjectHost: "Choisissez votre mot de passe pour suivre vos calendriers",
  invitationSubjectStaff: "Votre accès au back-office des alertes de calendriers",
  invitationHost:
    "Votre plateforme de location suit la synchronisation de vos calendriers (Airbnb, Booking.com, Vrbo…) et vous prévient quand un lien ne fonctionne plus ou quand deux réservations se chevauchent. Pour voir vos calendriers, choisissez votre mot de passe :",
  invitationStaff:
    "Un compte vous a été ouvert sur le back-office des alertes de synchronisation des calendriers. Pour l'activer, choisissez votre mot de passe :",
  invitationValidity:
    "Ce lien ne sert qu''une fois et reste valable jusqu''au {until}. S''il a expiré, demandez-en un nouveau au support.",
  choosePassword: "Choisir mon mot de passe",
  resetSubject: "Réinitialiser votre mot de passe",
  resetIntro:
    "Quelqu'un (vous, sans doute) a demandé à réinitialiser le mot de passe de votre compte d'alertes de calendriers. Pour en choisir un nouveau :",
  resetValidity:
    "Ce lien ne sert qu''une fois et reste valable jusqu''au {until}. Choisir un nouveau mot de passe déconnecte vos autres sessions. Si vous n''avez rien demandé, ignorez cet e-mail : votre mot de passe ne change pas.",
  chooseNewPassword: "Choisir un nouveau mot de passe",
} as const;
