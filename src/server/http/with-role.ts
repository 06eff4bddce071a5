import type { NextResponse } from "next/server";
import type { UserRole } from "../db/schema/users";
import { ForbiddenError, ValidationError, words } from "../errors";
import { isEntityId } from "../validation";
import { getConfig } from "../config";
import { requireRequestRole, type SessionUser } from "../auth/session";
import { errorResponse, requestLocale } from "./respond";
import { contextFor, type ServiceContext } from "../service-context";

type RouteParams = Record<string, string | string[] | undefined>;

export interface RouteContext<P extends RouteParams> {
  request: Request;
  user: SessionUser;
  params: P;
  /** The context every service call of the handler takes: the database, acting as the session's user. */
  ctx: ServiceContext;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Session cookies ride along on cross-site requests; a state change must come from our own origin: NEXTAUTH_URL's in
 * production, and in development the loopback addresses the app listens on too (config.auth.origins). Host and X-Forwarded-Host are not evidence of it: a proxy may pass them on as received.
 * Behind a trusted proxy (TRUST_PROXY) the forwarded origin is accepted too.
 */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (request.headers.get("sec-fetch-site") === "cross-site") throw new ForbiddenError(words("crossSite"));
  const origin = request.headers.get("origin");
  if (origin === null) return;
  const config = getConfig();
  const allowed = new Set(config.auth.origins);
  const forwardedHost = request.headers.get("x-forwarded-host");
  if (config.trustProxy && forwardedHost) {
    const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || "https";
    allowed.add(`${proto}://${forwardedHost.split(",")[0]!.trim()}`);
  }
  if (!allowed.has(origin)) throw new ForbiddenError(words("crossSite"));
}

// Every dynamic segment of our routes is a row id: anything else is refused before it reaches a query.
function assertWellFormedIds(params: RouteParams): void {
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== "string" || !isEntityId(value))
      throw new ValidationError(words("badPathId"), [{ path: name, message: "identifiant mal formé" }]);
  }
}

/** Route wrapper: same-origin check, role check (401/403), then the handler; every error becomes JSON. */
export function withRole<P extends RouteParams = Record<string, never>>(
  roles: readonly UserRole[],
  handler: (ctx: RouteContext<P>) => Promise<NextResponse>,
  options: { duringEnrolment?: boolean } = {},
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<NextResponse> => {
    let user: SessionUser | null = null;
    try {
      assertSameOrigin(request);
      // Next gives routes without dynamic segments no params at all.
      const params = ((await context?.params) ?? {}) as P;
      assertWellFormedIds(params);
      user = await requireRequestRole(request, roles, options);
      return await handler({ request, user, params, ctx: await contextFor(user) });
    } catch (error) {
      return errorResponse(error, `${request.method} ${new URL(request.url).pathname}`, requestLocale(request, user));
    }
  };
}
