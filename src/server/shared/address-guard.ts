import { BlockList, isIP } from "node:net";

// Loopback, private, link-local (incl. cloud metadata 169.254.169.254), CGNAT, documentation, multicast, reserved.
const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(network, prefix, "ipv4");
}
// ::/96 (IPv4-compatible, [::127.0.0.1] is ::7f00:1) and ::ffff:0:0:0/96 (IPv4-translated, [::ffff:0:7f00:1]) carry an
// IPv4 address in IPv6 clothing: refused whole. ::ffff:0:0/96 (IPv4-mapped) too, in isBlockedAddress: BlockList reads
// every IPv4 address as mapped, so a rule for that range here would refuse them all.
for (const [network, prefix] of [
  ["::", 96],
  ["::ffff:0:0:0", 96],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["2001:db8::", 32],
  ["64:ff9b::", 96],
  ["100::", 64],
] as const) {
  blocked.addSubnet(network, prefix, "ipv6");
}

function embeddedIpv4(address: string): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? null;
}

/** True for addresses a feed fetch must never reach. */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4) return blocked.check(v4, "ipv4");
    return isIpv4Mapped(address) || blocked.check(address, "ipv6");
  }
  return true;
}

/** ::ffff:a.b.c.d however written (::ffff:7f00:1, 0:0:0:0:0:ffff:7f00:1): the URL parser gives the one canonical form. */
function isIpv4Mapped(address: string): boolean {
  return /^\[::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}\]$/.test(new URL(`http://[${address}]`).hostname);
}

export class BlockedAddressError extends Error {
  readonly code = "ERR_BLOCKED_ADDRESS";
  constructor(readonly host: string) {
    super(`adresse interdite pour ${host} (réseau interne ou réservé)`);
    this.name = "BlockedAddressError";
  }
}

// Link-local addresses (cloud metadata at 169.254.169.254 among them) stay refused whatever the allow-list says.
const neverAllowed = new BlockList();
neverAllowed.addSubnet("169.254.0.0", 16, "ipv4");
neverAllowed.addSubnet("fe80::", 10, "ipv6");

const normaliseHost = (host: string) => host.replace(/^\[|\]$/g, "").toLowerCase();

/**
 * CALENDAR_FETCH_ALLOW_HOSTS lets named hosts reach addresses the guard otherwise refuses (127.0.0.1 for the
 * demo and the tests). An entry matches the host as the URL writes it, never the address it resolves to:
 * allowing 127.0.0.1 does not allow localhost or any name that resolves there. The address connected to must
 * then be one the entry allows: an address entry allows exactly itself, a name entry the addresses it
 * resolves to, link-local ones excepted.
 */
export function isAllowedTarget(writtenHost: string, connectedAddress: string, allowHosts: readonly string[]): boolean {
  const host = normaliseHost(writtenHost);
  if (!allowHosts.includes(host)) return false;
  const address = normaliseHost(connectedAddress);
  if (isIP(host)) return address === host;
  const v4 = embeddedIpv4(address);
  const family = v4 ? "ipv4" : isIP(address) === 6 ? "ipv6" : "ipv4";
  return isIP(v4 ?? address) !== 0 && !neverAllowed.check(v4 ?? address, family);
}
