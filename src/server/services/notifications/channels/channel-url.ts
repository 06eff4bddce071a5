import { isIP } from "node:net";
import { isAllowedTarget, isBlockedAddress } from "../../../shared/address-guard";

/**
 * Where a channel may post: https to a public address, or a host of the allow-list (CALENDAR_FETCH_ALLOW_HOSTS, the
 * same as feeds': the demo's and the tests' 127.0.0.x), where plain http is accepted too. The address connected to
 * is checked again at each delivery (the guarded lookup); this is the refusal an admin sees on saving. Null: fine.
 */
export function channelUrlRefusal(raw: string, allowHosts: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "URL invalide.";
  }
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const allowed = allowHosts.includes(host);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && allowed))
    return "Seules les URL https sont acceptées.";
  if (url.username || url.password) return "L'URL ne doit pas contenir d'identifiants.";
  if (isIP(host) && isBlockedAddress(host) && !isAllowedTarget(host, host, allowHosts))
    return `Adresse ${host} refusée : seules les adresses publiques sont acceptées.`;
  if (
    !allowed &&
    (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal"))
  )
    return `Hôte ${host} refusé : seules les adresses publiques sont acceptées.`;
  return null;
}
