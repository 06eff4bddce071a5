import { isIP } from "node:net";
import { isAllowedTarget, isBlockedAddress } from "../../../shared/address-guard";
import { words, type ErrorWords } from "../../../errors";

/**
 * Where a channel may post: https to a public address, or a host of the allow-list (CALENDAR_FETCH_ALLOW_HOSTS, the
 * same as feeds': the demo's and the tests' 127.0.0.x), where plain http is accepted too. The address connected to
 * is checked again at each delivery (the guarded lookup); this is the refusal an admin sees on saving. Null: fine.
 */
export function channelUrlRefusal(raw: string, allowHosts: readonly string[]): ErrorWords | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return words("channelUrlInvalid");
  }
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const allowed = allowHosts.includes(host);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && allowed)) return words("channelUrlHttps");
  if (url.username || url.password) return words("channelUrlCredentials");
  if (isIP(host) && isBlockedAddress(host) && !isAllowedTarget(host, host, allowHosts))
    return words("channelAddressRefused", { host });
  if (
    !allowed &&
    (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal"))
  )
    return words("channelHostRefused", { host });
  return null;
}
