// GET /ical/{token}.ics: a listing's calendar as one destination reads it (Airbnb, Booking.com, Vrbo…). No session:
// the token is the credential. Never logged in clear.
import { clientAddressOf } from "@/server/auth/client-address";
import { errorResponse, jsonError, requestLocale } from "@/server/http/respond";
import { sayError, words } from "@/server/errors";
import { ANONYMOUS } from "@/server/actor";
import { contextFor } from "@/server/service-context";
import { serveExport } from "@/server/services/exports/exports.service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const CACHE_CONTROL = "private, max-age=300";

export async function GET(request: Request, context: { params: Promise<{ file: string }> }): Promise<Response> {
  try {
    const { file } = await context.params;
    const token = file.endsWith(".ics") ? file.slice(0, -".ics".length) : "";
    const answer = await serveExport(await contextFor(ANONYMOUS), {
      token,
      ifNoneMatch: request.headers.get("if-none-match"),
      userAgent: request.headers.get("user-agent"),
      address: clientAddressOf(request.headers),
    });
    switch (answer.status) {
      case 200:
        return new Response(answer.body, {
          headers: {
            "content-type": "text/calendar; charset=utf-8",
            etag: answer.etag,
            "cache-control": CACHE_CONTROL,
          },
        });
      case 304:
        return new Response(null, { status: 304, headers: { etag: answer.etag, "cache-control": CACHE_CONTROL } });
      case 404: {
        const response = jsonError("NOT_FOUND", sayError(words("exportLinkUnknown"), requestLocale(request)));
        response.headers.set("cache-control", "no-store");
        return response;
      }
      case 429: {
        const response = jsonError("TOO_SOON", sayError(words("tooManyUnknownLinks"), requestLocale(request)), {
          retryAfterSeconds: 60,
        });
        response.headers.set("retry-after", "60");
        response.headers.set("cache-control", "no-store");
        return response;
      }
    }
  } catch (error) {
    return errorResponse(error, "GET /ical/…", requestLocale(request));
  }
}
