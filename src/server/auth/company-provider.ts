import type { OAuthConfig } from "next-auth/providers/oauth";
import type { User } from "next-auth";
import { getConfig } from "../config";
import { ANONYMOUS } from "../actor";
import { contextFor } from "../service-context";
import { admitCompanyIdentity } from "../services/users/users.service";
import type { CompanySignInRefusal } from "../shared/company-sign-in";

export const COMPANY_PROVIDER_ID = "oidc";

/** The user next-auth gets from a company sign-in: our account, or the reason it was refused (signIn turns it into a page). */
export type CompanyUser = User & { refusal?: CompanySignInRefusal };

interface IdTokenClaims {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
}

/**
 * « Se connecter avec … »: OpenID Connect's code flow through openid-client (next-auth's OAuth provider), with PKCE,
 * state and nonce all checked, and the ID token's claims as the profile (its signature, issuer, audience and nonce
 * verified). The profile is then admitted, or refused, as one of our accounts (users/admit-company-identity.ts).
 */
export function companyProvider(): OAuthConfig<IdTokenClaims> | null {
  const oidc = getConfig().oidc;
  if (!oidc) return null;
  return {
    id: COMPANY_PROVIDER_ID,
    name: oidc.label,
    type: "oauth",
    wellKnown: `${oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    async profile(claims): Promise<CompanyUser> {
      const admission = await admitCompanyIdentity(await contextFor(ANONYMOUS), {
        issuer: oidc.issuer,
        subject: claims.sub,
        email: claims.email,
        emailVerified: claims.email_verified,
      });
      if (!admission.admitted) return { id: `refused:${claims.sub}`, role: "host", refusal: admission.refusal };
      return admission.account;
    },
  };
}
