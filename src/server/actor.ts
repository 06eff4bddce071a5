import type { UserRole } from "./db/schema/users";
import type { ApiKeyScope } from "./db/schema/api-keys";
import { ForbiddenError, UnauthenticatedError, words } from "./errors";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";

/** The user on whose behalf a read or a change is made, as the database has them at this request. */
export interface Viewer {
  id: string;
  role: UserRole;
  name: string;
  email: string;
  /** Their language (users.locale), for their pages and e-mails; French when unknown. */
  locale?: Locale;
  /** An admin who must enrol two-factor first (TOTP_REQUIRED_FOR_ADMINS): only « Mon compte » is open. */
  mustEnrolTwoFactor?: boolean;
}

/** The worker, a command-line script or the story's module: changes made by the system, audited with no user. */
export interface SystemActor {
  id: null;
  role: "system";
  name: "worker" | "cli" | "story";
}

/** Someone not signed in: signing in, the session's lookup, the health check. */
export interface AnonymousActor {
  id: null;
  role: "anonymous";
  name: "anonymous";
}

/** A platform's API key (`/api/v1`): acts as itself, never as a user, within its scopes; it opens no page. */
export interface ApiKeyActor {
  /** The key's row id (api_keys.id), not a user's. */
  id: string;
  role: "api-key";
  name: string;
  scopes: readonly ApiKeyScope[];
}

/** Who acts: a signed-in user, a platform's key, the system or an anonymous request. Every service receives it in its context. */
export type Actor = Viewer | ApiKeyActor | SystemActor | AnonymousActor;

/** The language the actor reads: a signed-in person's own; French for the rest (a key, the system, anonymous). */
export function localeOf(actor: Actor | null | undefined): Locale {
  return actor && "locale" in actor && actor.locale ? actor.locale : DEFAULT_LOCALE;
}

export const ANONYMOUS: AnonymousActor = { id: null, role: "anonymous", name: "anonymous" };

export function systemActor(name: SystemActor["name"]): SystemActor {
  return { id: null, role: "system", name };
}

/**
 * Every service that returns back-office data or acts for a user starts with this, so a page or a handler that
 * forgot to check the session gets an error instead of the data. The system is not a user: it is refused too.
 */
export function authorizeViewer(actor: Actor | null | undefined, roles: readonly UserRole[]): Viewer {
  if (actor?.role === "system" || actor?.role === "api-key") throw new ForbiddenError();
  if (!actor || actor.role === "anonymous" || !actor.id) throw new UnauthenticatedError();
  if (!roles.includes(actor.role)) throw new ForbiddenError();
  return actor;
}

/**
 * A read that a signed-in user with one of `roles` may make, and a platform's key holding `scope`: the read services
 * the integration API shares with the back-office start with this. A key without the scope gets 403 naming it.
 */
export function authorizeReader(
  actor: Actor | null | undefined,
  roles: readonly UserRole[],
  scope: ApiKeyScope,
): Viewer | ApiKeyActor {
  if (actor?.role !== "api-key") return authorizeViewer(actor, roles);
  if (!actor.scopes.includes(scope)) throw new ForbiddenError(words("apiKeyScope"), { missingScope: scope });
  return actor;
}

/**
 * A change the platform makes through its integration: a key holding `scope`, an admin, or the command line
 * (`npm run listings:import`, `user:create --invite`). The worker and anonymous requests are refused.
 */
export function authorizeIntegration(
  actor: Actor | null | undefined,
  scope: ApiKeyScope,
): Viewer | ApiKeyActor | SystemActor {
  if (actor?.role === "system" && actor.name === "cli") return actor;
  return authorizeReader(actor, ["admin"], scope);
}
