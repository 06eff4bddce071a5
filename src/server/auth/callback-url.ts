// The home page sends each role where it belongs (back-office or « Mes calendriers »).
export const DEFAULT_CALLBACK_PATH = "/";

/**
 * Where to go after sign-in: a path on this app only. The value is resolved with the URL parser against the
 * app's origin, as the browser will resolve it, so `/\evil.example`, `/%09/evil.example` and the like, which
 * browsers read as another host, fall back to the default.
 */
export function safeCallbackPath(value: unknown, appUrl: string, fallback = DEFAULT_CALLBACK_PATH): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.length > 2_048) return fallback;
  const origin = new URL(appUrl).origin;
  let resolved: URL;
  try {
    resolved = new URL(value, origin);
  } catch {
    return fallback;
  }
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // "/.//evil" resolves on this origin to the path "//evil", which is another host once handed on.
  if (resolved.origin !== origin || path.startsWith("//")) return fallback;
  return path;
}
