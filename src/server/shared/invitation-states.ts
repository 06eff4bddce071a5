/** What an invitation's page says about a link that no longer works, the same from the server's refusal and the page. */
export const INVITATION_STATE_MESSAGES = {
  used: "Ce lien a déjà servi : votre mot de passe est choisi. Connectez-vous, ou demandez un nouveau lien si vous l'avez oublié.",
  expired: "Ce lien a expiré. Demandez-en un nouveau à votre plateforme ou au support.",
  replaced: "Un lien plus récent vous a été envoyé : utilisez celui du dernier e-mail, ou demandez-en un nouveau.",
  unknown:
    "Ce lien n'est pas valable. Vérifiez qu'il est complet, ou demandez-en un nouveau à votre plateforme ou au support.",
} as const;

export type InvitationEndState = keyof typeof INVITATION_STATE_MESSAGES;
