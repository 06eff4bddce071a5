import { isIP } from "node:net";
import tls from "node:tls";
import { Agent, request } from "undici";
import { BlockedAddressError, isAllowedTarget, isBlockedAddress } from "../../../shared/address-guard";
import { classifyNetworkError, FeedFetchError } from "./feed-fetch-error";
import { createGuardedLookup, type LookupFunction } from "../../../shared/guarded-lookup";

export const USER_AGENT =
  "CalendarSyncAlerts/1.0 (import de calendriers iCal; +https://github.com/calendar-sync-alerts)";
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface FetcherOptions {
  timeoutMs: number;
  connectTimeoutMs: number;
  maxBytes: number;
  allowHosts: readonly string[];
  /** Name resolution; dns.lookup unless a test gives its own resolver. */
  resolve?: LookupFunction;
  /** Extra trusted certificate authorities (PEM), e.g. a corporate CA; the system's stay trusted. */
  extraCa?: string[];
}

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchResult =
  | { kind: "not-modified"; httpStatus: 304 }
  | { kind: "body"; httpStatus: number; body: string; etag: string | null; lastModified: string | null };

export interface FeedFetcher {
  fetch(url: string, validators?: Validators): Promise<FetchResult>;
  close(): Promise<void>;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function retryAfterSeconds(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.round((date - Date.now()) / 1000));
}

function errorForStatus(status: number, host: string, retryAfter: string | null): FeedFetchError {
  const where = `(${host})`;
  if (status === 404)
    return new FeedFetchError(
      "FEED_NOT_FOUND",
      `HTTP 404 Not Found ${where} : le lien d'export n'existe plus.`,
      status,
    );
  if (status === 410) return new FeedFetchError("FEED_GONE", `HTTP 410 Gone ${where}.`, status);
  if (status === 401 || status === 403)
    return new FeedFetchError(
      "ACCESS_DENIED",
      `HTTP ${status} ${status === 401 ? "Unauthorized" : "Forbidden"} ${where}.`,
      status,
    );
  if (status === 429) {
    const seconds = retryAfterSeconds(retryAfter);
    return new FeedFetchError(
      "RATE_LIMITED",
      `HTTP 429 Too Many Requests ${where}${seconds !== undefined ? `, réessayer dans ${seconds} s` : ""}.`,
      status,
      seconds,
    );
  }
  if (status >= 500) {
    const seconds = status === 503 ? retryAfterSeconds(retryAfter) : undefined;
    return new FeedFetchError(
      "REMOTE_SERVER_ERROR",
      `HTTP ${status} ${where} : erreur du serveur distant${seconds !== undefined ? `, réessayer dans ${seconds} s` : ""}.`,
      status,
      seconds,
    );
  }
  return new FeedFetchError("HTTP_ERROR", `HTTP ${status} ${where} : statut inattendu.`, status);
}

function parseTarget(raw: string, allowHosts: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FeedFetchError("INVALID_URL", "L'URL du flux n'est pas une URL valide.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new FeedFetchError("INVALID_URL", `Protocole ${url.protocol} refusé : http ou https uniquement.`);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  // An address written in the URL is never looked up, so the guard checks it here.
  if (isIP(host) && isBlockedAddress(host) && !isAllowedTarget(host, host, allowHosts))
    throw classifyNetworkError(new BlockedAddressError(host), host);
  return url;
}

/**
 * Fetches iCal feeds from hostile, user-supplied URLs: http(s) only, SSRF guard on the address connected to,
 * at most 5 redirects each re-checked (and never https → http), a total and a connect timeout, a body cap
 * enforced while streaming, conditional GET.
 */
export function createFeedFetcher(options: FetcherOptions): FeedFetcher {
  const agent = new Agent({
    connect: {
      timeout: options.connectTimeoutMs,
      lookup: createGuardedLookup(options.allowHosts, options.resolve),
      ...(options.extraCa?.length ? { ca: [...tls.rootCertificates, ...options.extraCa] } : {}),
    },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    keepAliveTimeout: 10_000,
  });

  async function readCapped(
    body: AsyncIterable<Buffer> & { destroy(error?: Error): void },
    host: string,
  ): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += chunk.length;
      if (size > options.maxBytes) {
        body.destroy();
        throw new FeedFetchError(
          "FEED_TOO_LARGE",
          `Réponse de ${host} plus grande que ${Math.round(options.maxBytes / 1024)} Kio : téléchargement interrompu.`,
        );
      }
      chunks.push(chunk);
    }
    return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
  }

  async function fetchFeed(rawUrl: string, validators: Validators = {}): Promise<FetchResult> {
    let url = parseTarget(rawUrl, options.allowHosts);
    const abort = new AbortController();
    const timer = setTimeout(
      () => abort.abort(new DOMException("feed fetch timed out", "TimeoutError")),
      options.timeoutMs,
    );
    try {
      for (let redirects = 0; ; redirects++) {
        const host = url.host;
        const headers: Record<string, string> = {
          "user-agent": USER_AGENT,
          accept: "text/calendar, text/plain;q=0.8, */*;q=0.1",
        };
        if (validators.etag) headers["if-none-match"] = validators.etag;
        if (validators.lastModified) headers["if-modified-since"] = validators.lastModified;
        let response: Awaited<ReturnType<typeof request>>;
        try {
          response = await request(url, {
            method: "GET",
            headers,
            dispatcher: agent,
            signal: abort.signal,
            maxRedirections: 0,
          } as Parameters<typeof request>[1]);
        } catch (error) {
          throw classifyNetworkError(abort.signal.aborted ? abort.signal.reason : error, host);
        }
        const { statusCode } = response;
        if (REDIRECT_STATUSES.has(statusCode)) {
          await response.body.dump().catch(() => undefined);
          const location = header(response.headers, "location");
          if (!location)
            throw new FeedFetchError("HTTP_ERROR", `HTTP ${statusCode} sans en-tête Location (${host}).`, statusCode);
          if (redirects + 1 > MAX_REDIRECTS)
            throw new FeedFetchError(
              "TOO_MANY_REDIRECTS",
              `Plus de ${MAX_REDIRECTS} redirections depuis ${host}.`,
              statusCode,
            );
          const next = parseTarget(new URL(location, url).toString(), options.allowHosts);
          if (url.protocol === "https:" && next.protocol === "http:") {
            throw new FeedFetchError(
              "BLOCKED_ADDRESS",
              `Redirection de HTTPS vers HTTP refusée (${host} → ${next.host}).`,
              statusCode,
            );
          }
          url = next;
          continue;
        }
        if (statusCode === 304) {
          await response.body.dump().catch(() => undefined);
          return { kind: "not-modified", httpStatus: 304 };
        }
        if (statusCode < 200 || statusCode >= 300) {
          await response.body.dump().catch(() => undefined);
          throw errorForStatus(statusCode, host, header(response.headers, "retry-after"));
        }
        let body: string;
        try {
          body = await readCapped(response.body, host);
        } catch (error) {
          throw classifyNetworkError(abort.signal.aborted ? abort.signal.reason : error, host);
        }
        return {
          kind: "body",
          httpStatus: statusCode,
          body,
          etag: header(response.headers, "etag"),
          lastModified: header(response.headers, "last-modified"),
        };
      }
    } finally {
      clearTimeout(timer);
    }
  }

  return { fetch: fetchFeed, close: () => agent.close() };
}
