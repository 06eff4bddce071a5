import type { shell as fr } from "../fr/shell";

export const shell: Record<keyof typeof fr, string> = {
  appName: "Support back-office",
  navAlerts: "Calendar alerts",
  navConflicts: "Double bookings",
  navIncidents: "Incidents",
  navNotifications: "Notifications",
  navIntegrations: "Integrations",
  navTeam: "Team",
  navJournal: "Journal",
  mainNavigation: "Main navigation",
  menu: "Menu",
  myAccount: "{who} · My account",
  signOut: "Sign out",
  signOutEverywhere: "Sign out everywhere",
  switchLanguage: "Français",
  switchLanguageLabel: "Switch to French (Français)",
  breadcrumbs: "Breadcrumb",
  unavailableTitle: "Service temporarily unavailable",
  unavailableText:
    "The page could not be shown. Try again in a few moments; if the problem persists, tell the technical team.",
  reference: "Reference: {digest}",
  retry: "Try again",
  forbiddenTitle: "Access denied",
  forbiddenText:
    "Your account has no access to the support back-office. If you think this is a mistake, contact an admin.",
  hostCalendarsLink: "My calendars (hosts)",
  notFoundTitle: "Page not found",
  notFoundText: "This page does not exist, or no longer does (a deleted alert, a link copied wrongly).",
  backToDashboard: "Back to the dashboard",
};
