import type { ApiKeyScope } from "@/server/services/api-keys/api-keys.service";
import type { integrationsCatalogue } from "@/i18n/catalogue/integrations";

// What each scope lets a platform's key do: the key of the words admins choose them by.
export const API_KEY_SCOPE_LABELS = {
  "listings:write": "scope.listings:write",
  "reservations:write": "scope.reservations:write",
  "alerts:read": "scope.alerts:read",
  "alerts:write": "scope.alerts:write",
  "conflicts:read": "scope.conflicts:read",
} as const satisfies Record<ApiKeyScope, keyof typeof integrationsCatalogue.fr>;
