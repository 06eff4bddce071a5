import type { UserRole } from "../db/schema/users";
import { ForbiddenError, UnauthenticatedError } from "../errors";

/** The user on whose behalf a read or a change is made, as the database has them at this request. */
export interface Viewer {
  id: string;
  role: UserRole;
  name: string;
  email: string;
}

/**
 * Every read service that returns back-office data starts with this, so a page or a handler that forgot to
 * check the session gets an error instead of the data.
 */
export function authorizeViewer(viewer: Viewer | null | undefined, roles: readonly UserRole[]): Viewer {
  if (!viewer?.id) throw new UnauthenticatedError();
  if (!roles.includes(viewer.role)) throw new ForbiddenError();
  return viewer;
}
