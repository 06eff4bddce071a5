import type { UserRole } from "./db/schema/users";
import { ForbiddenError, UnauthenticatedError } from "./errors";

/** The user on whose behalf a read or a change is made, as the database has them at this request. */
export interface Viewer {
  id: string;
  role: UserRole;
  name: string;
  email: string;
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

/** Who acts: a signed-in user, the system or an anonymous request. Every service receives it in its context. */
export type Actor = Viewer | SystemActor | AnonymousActor;

export const ANONYMOUS: AnonymousActor = { id: null, role: "anonymous", name: "anonymous" };

export function systemActor(name: SystemActor["name"]): SystemActor {
  return { id: null, role: "system", name };
}

/**
 * Every service that returns back-office data or acts for a user starts with this, so a page or a handler that
 * forgot to check the session gets an error instead of the data. The system is not a user: it is refused too.
 */
export function authorizeViewer(actor: Actor | null | undefined, roles: readonly UserRole[]): Viewer {
  if (actor?.role === "system") throw new ForbiddenError();
  if (!actor || actor.role === "anonymous" || !actor.id) throw new UnauthenticatedError();
  if (!roles.includes(actor.role)) throw new ForbiddenError();
  return actor;
}
