import { isIP } from "node:net";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/**
 * The client's address. `npm start` (scripts/start.ts) writes the socket's address into X-Forwarded-For,
 * replacing whatever the client sent, unless TRUST_PROXY is set; then the proxy in front appends the address
 * it saw, and the last entry is the one to believe. Null when there is none (a test calling a handler).
 */
export function clientAddressOf(headers: HeaderSource): string | null {
  const forwarded = headerValue(headers, "x-forwarded-for");
  const last = forwarded
    ?.split(",")
    .at(-1)
    ?.trim()
    .replace(/^::ffff:/i, "");
  return last && isIP(last) ? last : null;
}
