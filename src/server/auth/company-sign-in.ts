import { getConfig } from "../config";

/** « Se connecter avec … »: the company provider's name when OpenID Connect is configured, else null. */
export function companySignInLabel(): string | null {
  const oidc = getConfig().oidc;
  return oidc ? oidc.label : null;
}
