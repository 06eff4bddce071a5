// How a double booking is said, the same in the back-office, to the host and in the e-mails.
export const conflicts = {
  periodSameMonth: "du {fromDay} au {to}",
  period: "du {from} au {to}",
  certain: "Double réservation",
  probable: "Double réservation probable",
  stayReservation: "Réservation",
  stayBlocked: "Dates bloquées",
  stayUnknown: "Période fermée (sans détail)",
  untilFirstNight:
    "{days, plural, =0 {ce soir} =1 {demain} =-1 {commencé hier} other {{future, select, yes {dans {days} jours} other {commencé il y a {ago} jours}}}}",
  directHeadline: "Réservé sur la plateforme et sur {rival}",
  hostDirect:
    "Réservé sur la plateforme et sur {rival} {period} : deux voyageurs pour les mêmes nuits. Fermez ces dates sur {rival} et contactez le support dès maintenant.",
  hostCertain:
    "Deux réservations se chevauchent {period} : {a} et {b}. Contactez le support ou l''un des voyageurs dès maintenant.",
  hostProbable:
    "Une réservation et une période fermée se chevauchent {period} : {a} et {b}. Vérifiez sur ces deux plateformes s''il s''agit de deux séjours, et contactez le support ou l''un des voyageurs si c''est le cas.",
} as const;
