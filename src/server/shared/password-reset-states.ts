import { authCatalogue } from "../../i18n/catalogue/auth";

/** Why a reset link no longer works (the server's refusal, in French; the page says it in the reader's language). */
export const PASSWORD_RESET_STATE_MESSAGES = {
  used: authCatalogue.fr["reset.used"],
  expired: authCatalogue.fr["reset.expired"],
  replaced: authCatalogue.fr["reset.replaced"],
  unknown: authCatalogue.fr["reset.unknown"],
} as const;
