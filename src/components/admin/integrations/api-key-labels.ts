import type { ApiKeyScope } from "@/server/services/api-keys/api-keys.service";

// What each scope lets a platform's key do, in the words admins choose them by.
export const API_KEY_SCOPE_LABELS: Record<ApiKeyScope, string> = {
  "listings:write": "Annonces, hôtes et calendriers importés",
  "reservations:write": "Réservations de la plateforme",
  "alerts:read": "Lire les alertes",
  "alerts:write": "Résoudre les alertes",
  "conflicts:read": "Lire les doubles réservations",
};
