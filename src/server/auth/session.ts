import { getServerSession, type Session } from "next-auth";
import type { UserRole } from "../db/schema/users";
import { loadSessionAccount } from "../services/users/users.service";
import { getAuthOptions } from "./options";
import { authorizeViewer, type Viewer } from "./viewer";
import { contextFor } from "../service-context";
import { ANONYMOUS } from "../actor";
import { ForbiddenError, words } from "../errors";

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

/**
 * The session's user as the database has them now: read on every request, with the session's own row, so a token
 * signed out, revoked everywhere or of a disabled account is refused at once (its role in the token may be hours
 * old too). Null for such a token, and for a token issued before sessions had rows.
 */
export async function viewerOfSession(session: Session | null): Promise<Viewer | null> {
  const userId = session?.user?.id;
  const sessionId = session?.sid;
  if (!userId || !sessionId) return null;
  return loadSessionAccount(await contextFor(ANONYMOUS), { sessionId, userId, now: new Date() });
}

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];
const SESSION_CACHE_MS = 60_000;
const SESSION_CACHE_LIMIT = 10_000;
const sessionCache = new Map<string, { session: Session | null; until: number }>();

/**
 * next-auth decrypts the session cookie on every call, deriving its key with HKDF each time: a measurable share
 * of every request under load. A token decodes to the same session for its whole life, so the decoded session
 * is kept for a minute (never past its expiry). Whether the session still holds is read by viewerOfSession.
 */
export async function cachedSession(
  cookies: Record<string, string>,
  load: () => Promise<Session | null>,
): Promise<Session | null> {
  const token = SESSION_COOKIES.map((name) => cookies[name]).find(Boolean);
  if (!token) return load();
  const now = Date.now();
  const hit = sessionCache.get(token);
  if (hit && hit.until > now) return hit.session;
  const session = await load();
  const expires = session?.expires ? Date.parse(session.expires) : Number.NaN;
  if (sessionCache.size >= SESSION_CACHE_LIMIT) sessionCache.clear();
  sessionCache.set(token, {
    session,
    until: Math.min(now + SESSION_CACHE_MS, Number.isNaN(expires) ? Infinity : expires),
  });
  return session;
}

/**
 * The session of a route handler's request. getServerSession's (req, res, options) form reads the
 * request it is given rather than Next's request scope, so the same code runs in tests.
 */
export async function getRequestSession(request: Request): Promise<Session | null> {
  const cookies = parseCookies(request.headers.get("cookie"));
  const req = { headers: Object.fromEntries(request.headers), cookies };
  const res = { getHeader() {}, setCookie() {}, setHeader() {} };
  // next-auth types this overload for Next's pages-router objects; the function only reads headers and cookies.
  return cachedSession(cookies, () => getServerSession(req as never, res as never, getAuthOptions()));
}

/** The request's viewer, or null without a valid session. */
export async function getRequestViewer(request: Request): Promise<Viewer | null> {
  return viewerOfSession(await getRequestSession(request));
}

/**
 * 401 without a session (or for a disabled account), 403 when the role is not allowed, and 403 for an admin who must
 * enrol two-factor first, but on the enrolment's own routes (`duringEnrolment`).
 */
export async function requireRequestRole(
  request: Request,
  roles: readonly UserRole[],
  options: { duringEnrolment?: boolean } = {},
): Promise<Viewer> {
  const viewer = authorizeViewer(await getRequestViewer(request), roles);
  if (viewer.mustEnrolTwoFactor && !options.duringEnrolment)
    throw new ForbiddenError(words("enrolFirst"), { reason: "two_factor_enrolment_required" });
  return viewer;
}
