import { getDomain } from "tldts";

// The platforms hosts import from, by the registrable domains (the Public Suffix List's "domain + one label") their
// exports are served on, written out: airbnb.zz or airbnb.com.evil.example is not Airbnb. A feed's provider key is
// the platform's display name when known; otherwise its host and port, so feeds of one key fail together when that
// server is down, and a host's own server on another port is another provider.
const KNOWN_PLATFORMS: Record<string, readonly string[]> = {
  Airbnb: [
    "airbnb.com",
    "airbnb.fr",
    "airbnb.be",
    "airbnb.ch",
    "airbnb.de",
    "airbnb.at",
    "airbnb.es",
    "airbnb.it",
    "airbnb.pt",
    "airbnb.nl",
    "airbnb.ie",
    "airbnb.co.uk",
    "airbnb.ca",
    "airbnb.com.au",
    "airbnb.co.nz",
    "airbnb.com.br",
    "airbnb.mx",
    "airbnb.com.mx",
    "airbnb.dk",
    "airbnb.se",
    "airbnb.no",
    "airbnb.fi",
    "airbnb.pl",
    "airbnb.cz",
    "airbnb.gr",
    "airbnb.jp",
    "airbnb.co.in",
    "airbnb.com.ar",
    "airbnb.cl",
    "airbnb.lu",
    "airbnb.com.sg",
  ],
  "Booking.com": ["booking.com"],
  "Vrbo/Abritel": [
    "vrbo.com",
    "homeaway.com",
    "homeaway.fr",
    "homeaway.co.uk",
    "homeaway.de",
    "homeaway.es",
    "homeaway.it",
    "homeaway.pt",
    "homeaway.com.au",
    "abritel.fr",
    "fewo-direkt.de",
    "stayz.com.au",
    "bookabach.co.nz",
  ],
  "Google Agenda": ["google.com"],
  iCloud: ["icloud.com"],
  Outlook: ["outlook.com", "live.com", "office365.com"],
  Tripadvisor: [
    "tripadvisor.com",
    "tripadvisor.fr",
    "tripadvisor.co.uk",
    "tripadvisor.de",
    "tripadvisor.es",
    "tripadvisor.it",
  ],
  Expedia: [
    "expedia.com",
    "expedia.fr",
    "expedia.co.uk",
    "expedia.de",
    "expedia.es",
    "expedia.it",
    "expedia.ca",
    "expedia.com.au",
  ],
  Leboncoin: ["leboncoin.fr"],
  "Gîtes de France": ["gites-de-france.com"],
  Clévacances: ["clevacances.com"],
  Holidu: ["holidu.com", "holidu.fr", "holidu.de", "holidu.es", "holidu.it", "holidu.co.uk"],
  Smoobu: ["smoobu.com"],
  Lodgify: ["lodgify.com"],
  Beds24: ["beds24.com"],
  Hostaway: ["hostaway.com"],
};

const PLATFORM_BY_DOMAIN = new Map(
  Object.entries(KNOWN_PLATFORMS).flatMap(([name, domains]) => domains.map((domain) => [domain, name] as const)),
);
const DEFAULT_PORTS: Record<string, string> = { "http:": "80", "https:": "443" };

/** The provider key of a feed URL: a known platform's name, else `host` or `host:port` (lower case, `www.` dropped). */
export function providerKeyOf(rawUrl: string): string {
  let url: URL;
  try {
    url = new URL(rawUrl.replace(/^webcals?:\/\//i, "https://"));
  } catch {
    return "inconnu";
  }
  const host = url.hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
  if (!host) return "inconnu";
  // Only ICANN suffixes: a platform is never reached through a private suffix (x.github.io is x's, not GitHub's).
  const domain = getDomain(host, { allowPrivateDomains: false });
  const platform = domain ? PLATFORM_BY_DOMAIN.get(domain) : undefined;
  if (platform) return platform;
  if (!url.port || url.port === DEFAULT_PORTS[url.protocol]) return host.replace(/^www\./, "");
  return host.includes(":") ? `[${host}]:${url.port}` : `${host.replace(/^www\./, "")}:${url.port}`;
}

const KNOWN_PLATFORM_NAMES = new Set(Object.keys(KNOWN_PLATFORMS));

/** Whether a provider key names a known platform (as opposed to a host): metrics label only these. */
export function isKnownPlatform(providerKey: string): boolean {
  return KNOWN_PLATFORM_NAMES.has(providerKey);
}
