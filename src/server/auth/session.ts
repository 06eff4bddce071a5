import { getServerSession, type Session } from "next-auth";
import type { UserRole } from "../db/schema/users";
import { ForbiddenError, UnauthenticatedError } from "../errors";
import { getAuthOptions } from "./options";

export type SessionUser = Session["user"];

function parseCookies(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    if (name) cookies[name] = decodeURIComponent(part.slice(index + 1).trim());
  }
  return cookies;
}

/**
 * The session of a route handler's request. getServerSession's (req, res, options) form reads the
 * request it is given rather than Next's request scope, so the same code runs in tests.
 */
export async function getRequestSession(request: Request): Promise<Session | null> {
  const req = { headers: Object.fromEntries(request.headers), cookies: parseCookies(request.headers.get("cookie")) };
  const res = { getHeader() {}, setCookie() {}, setHeader() {} };
  // next-auth types this overload for Next's pages-router objects; the function only reads headers and cookies.
  return getServerSession(req as never, res as never, getAuthOptions());
}

/** 401 without a session, 403 when the role is not allowed. */
export async function requireRequestRole(request: Request, roles: readonly UserRole[]): Promise<SessionUser> {
  const session = await getRequestSession(request);
  if (!session?.user?.id) throw new UnauthenticatedError();
  if (!roles.includes(session.user.role)) throw new ForbiddenError();
  return session.user;
}
