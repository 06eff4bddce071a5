import { getServerSession, type Session } from "next-auth";
import type { UserRole } from "../db/schema/users";
import { getConfig } from "../config";
import { loadAccountState } from "../services/users/load-account-state";
import { getAuthOptions } from "./options";
import { authorizeViewer, type Viewer } from "./viewer";

export type SessionUser = Viewer;

/** Cookies as a browser sends them; a value that is not valid %-encoding is kept as written instead of failing the request. */
export function parseCookies(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    const raw = part.slice(index + 1).trim();
    if (!name) continue;
    try {
      cookies[name] = decodeURIComponent(raw);
    } catch {
      cookies[name] = raw;
    }
  }
  return cookies;
}

const ACCOUNT_CACHE_LIMIT = 10_000;
const accountCache = new Map<string, { viewer: Viewer | null; checkedAt: number }>();

/**
 * The session's user as the database has them: the role in the token may be hours old, so the role and
 * whether the account is still enabled are read again at least every SESSION_REFRESH_SECONDS. Null for a
 * deleted or disabled account.
 */
export async function viewerOfSession(session: Session | null): Promise<Viewer | null> {
  const userId = session?.user?.id;
  if (!userId) return null;
  const refreshMs = getConfig().auth.sessionRefreshSeconds * 1_000;
  const now = Date.now();
  const cached = accountCache.get(userId);
  if (cached && now - cached.checkedAt < refreshMs) return cached.viewer;
  const viewer = await loadAccountState(userId);
  if (accountCache.size >= ACCOUNT_CACHE_LIMIT) accountCache.clear();
  accountCache.set(userId, { viewer, checkedAt: now });
  return viewer;
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

/** The request's viewer, or null without a valid session. */
export async function getRequestViewer(request: Request): Promise<Viewer | null> {
  return viewerOfSession(await getRequestSession(request));
}

/** 401 without a session (or for a disabled account), 403 when the role is not allowed. */
export async function requireRequestRole(request: Request, roles: readonly UserRole[]): Promise<Viewer> {
  return authorizeViewer(await getRequestViewer(request), roles);
}
