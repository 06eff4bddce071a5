import { timingSafeEqual } from "node:crypto";
import { getConfig } from "../config";
import { requireRequestRole } from "../auth/session";
import { UnauthenticatedError, words } from "../errors";

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A scrape of GET /api/metrics: `Authorization: Bearer $METRICS_TOKEN` (Prometheus), or an admin's session.
 * A bearer token that does not match is refused outright, whatever cookie comes with it.
 */
export async function authorizeMetricsScrape(request: Request): Promise<void> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null && /^bearer\s/i.test(authorization)) {
    const expected = getConfig().metricsToken;
    if (expected && sameToken(authorization.slice(7).trim(), expected)) return;
    throw new UnauthenticatedError(words("badMetricsToken"));
  }
  await requireRequestRole(request, ["admin"]);
}
