import type { NextResponse } from "next/server";
import type { ApiKeyActor } from "../actor";
import { ANONYMOUS } from "../actor";
import type { ApiKeyScope } from "../db/schema/api-keys";
import { clientAddressOf } from "../auth/client-address";
import { getConfig } from "../config";
import { ForbiddenError, UnauthenticatedError, ValidationError, words } from "../errors";
import type { ServiceContext } from "../service-context";
import { getDb } from "../db/client";
import { authenticateApiKey, RateLimitedError, type RateLimitState } from "../services/api-keys/api-keys.service";
import { errorResponse, requestLocale } from "./respond";

type RouteParams = Record<string, string | string[] | undefined>;

export interface ApiKeyRouteContext<P extends RouteParams> {
  request: Request;
  key: ApiKeyActor;
  params: P;
  /** Every service call of the handler: the database, acting as the key (never as a user). */
  ctx: ServiceContext;
}

// A key in a URL ends up in proxies' and browsers' logs: refused before anything else reads it (and never logged).
function refuseKeyInQuery(request: Request): void {
  for (const [name, value] of new URL(request.url).searchParams) {
    if (value.startsWith("csa_") || /^(api_?key|access_token|token|key)$/i.test(name)) {
      throw new ValidationError(words("apiKeyInUrl"), [{ path: ["query", name] }]);
    }
  }
}

function bearerOf(request: Request): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  if (!match) throw new UnauthenticatedError(words("apiKeyRequired"));
  return match[1]!;
}

function withRateHeaders(response: NextResponse, limits: RateLimitState | undefined): NextResponse {
  if (!limits) return response;
  response.headers.set("RateLimit-Limit", String(limits.limit));
  response.headers.set("RateLimit-Remaining", String(limits.remaining));
  response.headers.set("RateLimit-Reset", String(limits.resetSeconds));
  return response;
}

/**
 * Route wrapper of the integration API (`/api/v1`): a bearer key (401 unknown, revoked or expired), its rate limit
 * (429, Retry-After and RateLimit headers), the scope the route needs (403 with details.missingScope), then the handler.
 * No same-origin check: no browser sends a bearer key on its own, and no cookie is read here.
 */
export function withApiKey<P extends RouteParams = Record<string, never>>(
  scope: ApiKeyScope,
  handler: (ctx: ApiKeyRouteContext<P>) => Promise<NextResponse>,
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<NextResponse> => {
    let limits: RateLimitState | undefined;
    try {
      refuseKeyInQuery(request);
      const key = bearerOf(request);
      const params = ((await context?.params) ?? {}) as P;
      const db = await getDb();
      const authenticated = await authenticateApiKey(
        { db, actor: ANONYMOUS },
        {
          key,
          address: clientAddressOf(request.headers),
          now: new Date(),
          requestsPerMinute: getConfig().apiKeys.requestsPerMinute,
        },
      );
      limits = authenticated.limits;
      if (!authenticated.actor.scopes.includes(scope))
        throw new ForbiddenError(words("apiKeyScope"), { missingScope: scope });
      return withRateHeaders(
        await handler({ request, key: authenticated.actor, params, ctx: { db, actor: authenticated.actor } }),
        limits,
      );
    } catch (error) {
      if (error instanceof RateLimitedError) limits = error.limits;
      return withRateHeaders(
        errorResponse(error, `${request.method} ${new URL(request.url).pathname}`, requestLocale(request)),
        limits,
      );
    }
  };
}
