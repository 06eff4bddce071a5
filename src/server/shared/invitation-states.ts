import { authCatalogue } from "../../i18n/catalogue/auth";

/** Why an invitation's link no longer works (the server's refusal, in French; the page says it in the reader's language). */
export const INVITATION_STATE_MESSAGES = {
  used: authCatalogue.fr["invitation.used"],
  expired: authCatalogue.fr["invitation.expired"],
  replaced: authCatalogue.fr["invitation.replaced"],
  unknown: authCatalogue.fr["invitation.unknown"],
} as const;

export type InvitationEndState = keyof typeof INVITATION_STATE_MESSAGES;
