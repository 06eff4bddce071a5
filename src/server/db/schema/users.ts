import { check, integer, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { idColumn, timestampColumn, timestamps } from "./columns";

export const USER_ROLES = ["host", "support", "admin"] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const userRole = pgEnum("user_role", USER_ROLES);

export const users = pgTable(
  "users",
  {
    id: idColumn(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** Null for an account that has not chosen one yet: a host the platform brought in, an invited agent. */
    passwordHash: text("password_hash"),
    /** The platform's own id for a host (integration API, listings:import): unique among accounts that have one. */
    externalId: text("external_id"),
    role: userRole("role").notNull(),
    /** The person's language (`fr`, `en`): their pages, e-mails and notices. French unless they or the platform chose. */
    locale: text("locale").$type<"fr" | "en">().notNull().default("fr"),
    /** Set by `npm run user:disable`: the account can no longer sign in, and its open sessions end. */
    disabledAt: timestampColumn("disabled_at"),
    /** The last time a session was opened for the account (« Équipe »). */
    lastSignInAt: timestampColumn("last_sign_in_at"),
    /** The company provider's identity (`issuer|sub`) bound at the first OIDC sign-in; a later one must match it. */
    oidcSubject: text("oidc_subject"),
    /** The TOTP secret, AES-256-GCM under APP_ENCRYPTION_KEY; set at enrolment, confirmed by `totpEnabledAt`. */
    totpSecret: text("totp_secret"),
    /** Two-factor is on from then: sign-in asks for a code (or a recovery code). */
    totpEnabledAt: timestampColumn("totp_enabled_at"),
    /** The 30-second step of the last code accepted: a code is accepted once, and never an older one. */
    totpLastStep: integer("totp_last_step"),
    ...timestamps,
  },
  // Emails are compared case-insensitively, so uniqueness is on the lowered value.
  (t) => [
    check("users_locale_check", sql`${t.locale} in ('fr', 'en')`),
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    uniqueIndex("users_oidc_subject_key")
      .on(t.oidcSubject)
      .where(sql`${t.oidcSubject} is not null`),
    uniqueIndex("users_external_id_key")
      .on(t.externalId)
      .where(sql`${t.externalId} is not null`),
  ],
);

export type User = typeof users.$inferSelect;
