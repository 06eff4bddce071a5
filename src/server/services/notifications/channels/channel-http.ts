import { getConfig } from "../../../config";
import { Agent, request } from "undici";
import { createGuardedLookup } from "../../../shared/guarded-lookup";
import { channelUrlRefusal } from "./channel-url";
import { sayError } from "../../../errors";

export interface PostOutcome {
  statusCode: number | null;
  /** Seconds, from a Retry-After header (delay-seconds or an HTTP date). */
  retryAfterSeconds: number | null;
  durationMs: number;
  /** Why it failed, in French, when it did (never the URL). */
  error: string | null;
}

const agents = new Map<string, Agent>();
function agentFor(allowHosts: readonly string[]): Agent {
  const key = allowHosts.join(",");
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      connect: { timeout: 5_000, lookup: createGuardedLookup(allowHosts) },
      keepAliveTimeout: 10_000,
    });
    agents.set(key, agent);
  }
  return agent;
}

export function retryAfterSeconds(value: string | undefined, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.round((date - now) / 1000));
}

/**
 * POSTs a JSON body to a channel's URL through the SSRF guard (the address connected to is checked, as for feeds),
 * without following redirects, within `timeoutMs`. Any 2xx is a success. Never throws.
 */
export async function postToChannel(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { allowHosts: readonly string[]; timeoutMs: number },
): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const refusal = channelUrlRefusal(url, options.allowHosts);
  // The delivery log records it once, in support's language.
  if (refusal)
    return {
      statusCode: null,
      retryAfterSeconds: null,
      durationMs: 0,
      error: sayError(refusal, getConfig().mail.supportLocale),
    };
  try {
    const response = await request(url, {
      method: "POST",
      body,
      headers: { "user-agent": "CalendarSyncAlerts-Webhooks/1.0", ...headers },
      dispatcher: agentFor(options.allowHosts),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await response.body.dump().catch(() => undefined);
    const header = response.headers["retry-after"];
    const ok = response.statusCode >= 200 && response.statusCode < 300;
    return {
      statusCode: response.statusCode,
      retryAfterSeconds: retryAfterSeconds(Array.isArray(header) ? header[0] : header, Date.now()),
      durationMs: elapsed(),
      error: ok ? null : `HTTP ${response.statusCode}`,
    };
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    const code = (error as { code?: string }).code ?? "";
    const reason =
      name === "TimeoutError" || name === "AbortError"
        ? `Pas de réponse en ${Math.round(options.timeoutMs / 1000)} s.`
        : name === "BlockedAddressError"
          ? "Adresse refusée : seules les adresses publiques sont acceptées."
          : code === "ECONNREFUSED"
            ? "Connexion refusée."
            : code === "ENOTFOUND"
              ? "Nom de serveur introuvable."
              : `Erreur réseau${code ? ` (${code})` : ""}.`;
    return { statusCode: null, retryAfterSeconds: null, durationMs: elapsed(), error: reason };
  }
}
