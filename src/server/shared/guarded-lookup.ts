import dns, { type LookupAddress, type LookupOptions } from "node:dns";
import { BlockedAddressError, isAllowedTarget, isBlockedAddress } from "./address-guard";

export type LookupFunction = (
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) => void;

/**
 * A net.connect lookup that resolves the name and refuses it if any of its addresses is blocked, so the
 * address checked is the address connected to (no window for DNS rebinding between check and connect).
 */
export function createGuardedLookup(
  allowHosts: readonly string[],
  resolve: LookupFunction = dns.lookup as unknown as LookupFunction,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "");
      const list = (Array.isArray(addresses) ? addresses : [{ address: addresses, family: 4 }]) as LookupAddress[];
      const refused = list.find(
        (entry) => isBlockedAddress(entry.address) && !isAllowedTarget(hostname, entry.address, allowHosts),
      );
      if (refused || list.length === 0) return callback(new BlockedAddressError(hostname), "");
      if (options.all) return callback(null, list);
      const first = list[0]!;
      callback(null, first.address, first.family);
    });
  };
}
