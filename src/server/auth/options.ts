import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getConfig } from "../config";
import { logger } from "../logger";
import {
  authenticateUser,
  LoginThrottledError,
  PasswordSignInDisabledError,
  SecondFactorRejectedError,
  SecondFactorRequiredError,
} from "../services/users/users.service";
import { clientAddressOf } from "./client-address";
import { openUserSession, revokeUserSession } from "../services/users/users.service";
import { contextFor } from "../service-context";
import { ANONYMOUS } from "../actor";
import { COMPANY_PROVIDER_ID, companyProvider, type CompanyUser } from "./company-provider";

const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export const SIGN_IN_UNAVAILABLE = "Connexion momentanément indisponible. Réessayez dans quelques instants.";

const Credentials = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
  code: z.string().max(40).optional(),
});

export function buildAuthOptions(): NextAuthOptions {
  const config = getConfig();
  const company = companyProvider();
  return {
    secret: config.auth.secret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    logger: {
      error: (code, metadata) => logger.warn({ code, metadata }, "next-auth error"),
      warn: (code) => logger.warn({ code }, "next-auth warning"),
      debug: (code, metadata) => logger.debug({ code, metadata }, "next-auth debug"),
    },
    providers: [
      ...(company ? [company] : []),
      CredentialsProvider({
        name: "E-mail et mot de passe",
        credentials: {
          email: { label: "E-mail", type: "email" },
          password: { label: "Mot de passe", type: "password" },
          code: { label: "Code de vérification", type: "text" },
        },
        // A LoginThrottledError thrown here reaches the sign-in form as its French message.
        async authorize(credentials, req) {
          const parsed = Credentials.safeParse(credentials);
          if (!parsed.success) return null;
          let user;
          try {
            user = await authenticateUser(await contextFor(ANONYMOUS), {
              email: parsed.data.email,
              password: parsed.data.password,
              secondFactor: parsed.data.code,
              clientAddress: clientAddressOf(req?.headers ?? {}),
            });
          } catch (error) {
            // The form reads these messages: the code is asked for, refused, or the attempts are throttled.
            if (
              error instanceof LoginThrottledError ||
              error instanceof SecondFactorRequiredError ||
              error instanceof SecondFactorRejectedError ||
              error instanceof PasswordSignInDisabledError
            )
              throw error;
            // The form shows this message: never a database error's text.
            logger.error({ err: error }, "sign-in failed on an unexpected error");
            throw new Error(SIGN_IN_UNAVAILABLE);
          }
          return user ? { id: user.id, email: user.email, name: user.name, role: user.role } : null;
        },
      }),
    ],
    callbacks: {
      // A company identity that is not one of our staff accounts goes to the page that says why.
      signIn({ user }) {
        const refusal = (user as CompanyUser).refusal;
        return refusal ? `/connexion-refusee?raison=${refusal}` : true;
      },
      // At sign-in: the session's row, whose id the token carries; every request checks it (auth/session.ts).
      async jwt({ token, user, account }) {
        if (user) {
          token.id = user.id;
          token.role = user.role;
          token.sid = await openUserSession(await contextFor(ANONYMOUS), {
            userId: user.id,
            expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1_000),
            method: account?.provider === COMPANY_PROVIDER_ID ? "oidc" : "password",
          });
        }
        return token;
      },
      session({ session, token }) {
        session.user = { id: token.id, role: token.role, name: token.name ?? "", email: token.email ?? "" };
        session.sid = token.sid;
        return session;
      },
    },
    events: {
      // Signing out ends the session on the server: a copy of the token is refused from the next request on.
      async signOut({ token }) {
        if (token?.sid) await revokeUserSession(await contextFor(ANONYMOUS), token.sid);
      },
    },
  };
}

let cached: NextAuthOptions | undefined;
export function getAuthOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}
