import { errorsCatalogue } from "../../i18n/catalogue/errors";
import { INTL_TAGS, negotiateLocale, type Locale } from "../../i18n/locales";
import { translator } from "../../i18n/translator";
import { PLATFORM_TIME_ZONE } from "../shared/platform-time";
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

const acceptLanguageOf = (headers: unknown): string | undefined => {
  const value = (headers as Record<string, unknown> | undefined)?.["accept-language"];
  return typeof value === "string" ? value : undefined;
};

const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export const SIGN_IN_UNAVAILABLE = errorsCatalogue.fr.signInUnavailable;

/** What the sign-in form shows of a refusal, in the language its browser asks for. */
function signInRefusal(error: unknown, locale: Locale): Error | null {
  const t = translator(errorsCatalogue, locale);
  if (error instanceof SecondFactorRequiredError) return error;
  if (error instanceof LoginThrottledError) {
    const time = new Intl.DateTimeFormat(INTL_TAGS[locale], {
      timeZone: PLATFORM_TIME_ZONE,
      hour: "2-digit",
      minute: "2-digit",
    }).format(error.retryAt);
    return new Error(t("signInThrottled", { time }));
  }
  if (error instanceof SecondFactorRejectedError) return new Error(t("signInWrongCode"));
  if (error instanceof PasswordSignInDisabledError) return new Error(t("signInCompanyOnly", { provider: error.label }));
  return null;
}

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
        // An error thrown here reaches the sign-in form as its message, in the browser's language.
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
            const locale = negotiateLocale(acceptLanguageOf(req?.headers));
            const refusal = signInRefusal(error, locale);
            if (refusal) throw refusal;
            // The form shows this message: never a database error's text.
            logger.error({ err: error }, "sign-in failed on an unexpected error");
            throw new Error(translator(errorsCatalogue, locale)("signInUnavailable"));
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
