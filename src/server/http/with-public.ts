import type { NextResponse } from "next/server";
import { ANONYMOUS } from "../actor";
import { contextFor, type ServiceContext } from "../service-context";
import { errorResponse, requestLocale } from "./respond";
import { assertSameOrigin } from "./with-role";

/**
 * Route wrapper for what anyone may ask without a session (an invitation's link): the same-origin check of every state
 * change, then the handler acting as anonymous; every error becomes JSON.
 */
export function withPublic(handler: (input: { request: Request; ctx: ServiceContext }) => Promise<NextResponse>) {
  return async (request: Request): Promise<NextResponse> => {
    try {
      assertSameOrigin(request);
      return await handler({ request, ctx: await contextFor(ANONYMOUS) });
    } catch (error) {
      return errorResponse(error, `${request.method} ${new URL(request.url).pathname}`, requestLocale(request));
    }
  };
}
