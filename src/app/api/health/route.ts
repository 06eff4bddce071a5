// GET /api/health: 200 with the database's round-trip time when it answers, 503 (Retry-After) when it does not. No session needed.
import { jsonData, errorResponse } from "@/server/http/respond";
import { checkDatabase } from "@/server/services/health/health.service";
import { ServiceUnavailableError } from "@/server/errors";
import { contextFor } from "@/server/service-context";
import { ANONYMOUS } from "@/server/actor";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const database = await checkDatabase(await contextFor(ANONYMOUS));
    return jsonData({ status: "ok", database });
  } catch {
    return errorResponse(new ServiceUnavailableError(), "GET /api/health");
  }
}
