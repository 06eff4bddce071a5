// The French catalogue: the reference. Every message is ICU MessageFormat (plurals by the language's rules, never
// « (s) »); en/counts.ts must hold the same keys, which its type enforces.
export const counts = {
  alertsEscalated: "{count, plural, one {# escaladée} other {# escaladées}}",
  alertsActive: "{count, plural, one {# active} other {# actives}}",
  alertsDone: "{count, plural, one {# alerte traitée} other {# alertes traitées}}",
  alertsSkipped: "{count, plural, one {# ignorée} other {# ignorées}}",
  failedAttempts: "{count, plural, one {# tentative échouée} other {# tentatives échouées}}",
  failures: "{count, plural, =0 {aucun échec} one {# échec} other {# échecs}}",
  consecutiveFailures: "{count, plural, one {# échec consécutif} other {# échecs consécutifs}}",
  listings: "{count, plural, one {# annonce} other {# annonces}}",
  calendarsFailing: "{count, plural, one {# calendrier en échec} other {# calendriers en échec}}",
  escalationsHeld:
    "{count, plural, =0 {aucune escalade suspendue} one {# escalade suspendue} other {# escalades suspendues}}",
  probesSucceeded: "{count, plural, =0 {aucun test réussi} one {# test réussi} other {# tests réussis de suite}}",
  hostsWaiting:
    "{count, plural, one {les calendriers d''# hôte attendent} other {les calendriers de # hôtes attendent}}",
  channelsFailing: "{count, plural, one {Un canal de notification échoue} other {# canaux de notification échouent}}",
  failuresSummary:
    "{total, plural, =0 {Aucun échec sur les 30 derniers jours.} one {# échec sur 30 jours (le {day})} other {# échecs sur 30 jours, au plus {peak} par jour (le {day})}}",
  underIncident: "{count, plural, =0 {} other {, dont # sous incident}}",
  exportSide: "{count, plural, =0 {} other {, dont # côté export}}",
  deliveriesFailed: "{count, plural, one {# livraison échouée} other {# livraisons échouées de suite}}",
  nights: "{count, plural, one {# nuit} other {# nuits}}",
  periodsImported:
    "{count, plural, =0 {aucune période importée} one {# période importée} other {# périodes importées}}",
  alertsOpened: "{count, plural, =0 {aucune alerte ouverte} one {# alerte ouverte} other {# alertes ouvertes}}",
  alertsResolvedSince: "{count, plural, =0 {aucune résolue} one {# résolue} other {# résolues}}",
  conflictsCertain: "{count, plural, =0 {aucune certaine} one {# certaine} other {# certaines}}",
  conflictsProbable: "{count, plural, =0 {aucune probable} one {# probable} other {# probables}}",
  arrivalsAtRisk: "{count, plural, =0 {aucune arrivée à risque} one {# arrivée à risque} other {# arrivées à risque}}",
  unowned: "{count, plural, =0 {aucune sans responsable} one {# sans responsable} other {# sans responsable}}",
} as const;

export type MessageKey = keyof typeof counts;
