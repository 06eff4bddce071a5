/** Why a company sign-in (OpenID Connect) was refused: the page `/connexion-refusee?raison=…` says it in words. */
export const COMPANY_SIGN_IN_REFUSALS = ["unknown", "unverified", "domain", "mismatch"] as const;
export type CompanySignInRefusal = (typeof COMPANY_SIGN_IN_REFUSALS)[number];
