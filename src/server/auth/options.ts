import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getConfig } from "../config";
import { logger } from "../logger";
import { authenticateUser } from "../services/users/authenticate-user";

const Credentials = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

export function buildAuthOptions(): NextAuthOptions {
  const config = getConfig();
  return {
    secret: config.auth.secret,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    logger: {
      error: (code, metadata) => logger.warn({ code, metadata }, "next-auth error"),
      warn: (code) => logger.warn({ code }, "next-auth warning"),
      debug: (code, metadata) => logger.debug({ code, metadata }, "next-auth debug"),
    },
    providers: [
      CredentialsProvider({
        name: "E-mail et mot de passe",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Mot de passe", type: "password" } },
        async authorize(credentials) {
          const parsed = Credentials.safeParse(credentials);
          if (!parsed.success) return null;
          const user = await authenticateUser(parsed.data.email, parsed.data.password);
          return user ? { id: user.id, email: user.email, name: user.name, role: user.role } : null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.id = user.id;
          token.role = user.role;
        }
        return token;
      },
      session({ session, token }) {
        session.user = { id: token.id, role: token.role, name: token.name ?? "", email: token.email ?? "" };
        return session;
      },
    },
  };
}

let cached: NextAuthOptions | undefined;
export function getAuthOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}
