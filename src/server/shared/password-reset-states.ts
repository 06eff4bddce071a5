/** Why a reset link no longer works, in the words the page shows. */
export const PASSWORD_RESET_STATE_MESSAGES = {
  used: "Ce lien a déjà servi. Demandez-en un nouveau si besoin.",
  expired: "Ce lien a expiré. Demandez-en un nouveau.",
  replaced: "Un lien plus récent a été envoyé : utilisez le dernier e-mail reçu.",
  unknown: "Ce lien n'est pas valable. Demandez-en un nouveau.",
} as const;
