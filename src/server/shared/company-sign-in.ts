/** Why a company sign-in (OpenID Connect) was refused: the page `/connexion-refusee?raison=…` says it in words. */
export const COMPANY_SIGN_IN_REFUSALS = ["unknown", "unverified", "domain", "mismatch"] as const;
export type CompanySignInRefusal = (typeof COMPANY_SIGN_IN_REFUSALS)[number];

export const COMPANY_SIGN_IN_REFUSAL_MESSAGES: Record<CompanySignInRefusal, string> = {
  unknown:
    "Aucun compte actif du support ou de l'administration n'existe pour cette adresse. Demandez à un administrateur de vous inviter depuis « Équipe ».",
  unverified:
    "Votre fournisseur d'identité n'a pas vérifié cette adresse e-mail : la connexion est refusée. Faites-la vérifier par votre service informatique.",
  domain: "Cette adresse e-mail n'appartient pas à un domaine autorisé pour le back-office.",
  mismatch: "Ce compte est déjà lié à une autre identité de votre fournisseur. Contactez un administrateur.",
};
