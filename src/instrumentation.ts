// Runs once when the server starts: a bad configuration stops start-up with the list of wrong variables.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig } = await import("./server/config");
  getConfig();
}

// A page that failed because the database is unreachable is answered 503, not 500 (server/http/page-unavailable.ts).
export async function onRequestError(error: unknown, request: Readonly<{ headers: NodeJS.Dict<string | string[]> }>) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const tag = request.headers["x-csa-request-tag"];
  if (typeof tag !== "string") return;
  const [{ isDatabaseUnavailable }, { markDatabaseUnavailable }] = await Promise.all([
    import("./server/errors"),
    import("./server/http/page-unavailable"),
  ]);
  if (isDatabaseUnavailable(error)) markDatabaseUnavailable(tag);
}
