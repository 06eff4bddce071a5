import type { SyncErrorType } from "../../../shared/sync-error-types";
import { maskUrlsInText } from "../../../shared/mask-url";

/** A classified fetch failure; its message names the host at most, never the URL's path or query. */
export class FeedFetchError extends Error {
  constructor(
    readonly errorType: SyncErrorType,
    message: string,
    readonly httpStatus?: number,
    readonly retryAfterSeconds?: number,
  ) {
    // Messages are built to name the host only; masking here also covers text quoted from a library or a server.
    super(maskUrlsInText(message));
    this.name = "FeedFetchError";
  }
}

const TLS_CODE = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL|HOSTNAME_MISMATCH)/;

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    const name = (current as { name?: unknown }).name;
    if (typeof name === "string") codes.push(name);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** Maps a network-level error (undici, net, tls, dns, our guard) to a failure code. */
export function classifyNetworkError(error: unknown, host: string): FeedFetchError {
  if (error instanceof FeedFetchError) return error;
  const codes = codesOf(error);
  const has = (...wanted: string[]) => codes.some((code) => wanted.includes(code));
  const detail =
    codes.find((code) => /^[A-Z][A-Z0-9_]+$/.test(code)) ??
    codes.find((code) => /Error$/.test(code) && code !== "Error") ??
    "erreur réseau";
  if (has("ERR_BLOCKED_ADDRESS", "BlockedAddressError"))
    return new FeedFetchError("BLOCKED_ADDRESS", `Adresse interdite pour ${host} (réseau interne ou réservé).`);
  if (
    has(
      "AbortError",
      "TimeoutError",
      "UND_ERR_CONNECT_TIMEOUT",
      "UND_ERR_HEADERS_TIMEOUT",
      "UND_ERR_BODY_TIMEOUT",
      "ETIMEDOUT",
    )
  ) {
    return new FeedFetchError("TIMEOUT", `Pas de réponse complète de ${host} dans le délai imparti (${detail}).`);
  }
  if (has("ENOTFOUND", "EAI_AGAIN", "EAI_NODATA", "EAI_NONAME", "EAI_FAIL"))
    return new FeedFetchError("DNS_FAILURE", `Le nom ${host} ne résout pas (${detail}).`);
  if (codes.some((code) => TLS_CODE.test(code)))
    return new FeedFetchError("TLS_ERROR", `Connexion TLS refusée avec ${host} (${detail}).`);
  if (
    has(
      "ECONNREFUSED",
      "ECONNRESET",
      "EPIPE",
      "EHOSTUNREACH",
      "ENETUNREACH",
      "UND_ERR_SOCKET",
      "UND_ERR_CLOSED",
      "ECONNABORTED",
    )
  ) {
    return new FeedFetchError("CONNECTION_FAILED", `Connexion impossible avec ${host} (${detail}).`);
  }
  return new FeedFetchError("UNEXPECTED_ERROR", `Erreur inattendue en contactant ${host} (${detail}).`);
}
