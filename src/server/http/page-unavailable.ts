// A page cannot choose its status in the App Router: one whose database cannot be reached renders app/error.tsx (the
// French « Service momentanément indisponible ») with 500. The production server (scripts/start.ts) tags each request;
// onRequestError (instrumentation.ts) marks a tagged request whose error is the database's; the server then answers it
// 503 with Retry-After, as the API does. The two share this process; the registry lives on globalThis because Next loads
// the instrumentation hook as a module of its own.
const REGISTRY = Symbol.for("calendar-sync-alerts.database-unavailable-requests");

/** Set by scripts/start.ts on every request it hands to Next (a client's own value is replaced). */
export const REQUEST_TAG_HEADER = "x-csa-request-tag";

function registry(): Set<string> {
  const holder = globalThis as unknown as Record<symbol, Set<string> | undefined>;
  return (holder[REGISTRY] ??= new Set<string>());
}

export function markDatabaseUnavailable(tag: string): void {
  registry().add(tag);
}

/** Whether the request `tag` failed for want of its database; forgets it. */
export function takeDatabaseUnavailable(tag: string): boolean {
  return registry().delete(tag);
}
