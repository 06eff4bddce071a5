// The platforms hosts import from, by the host names their exports are served on (a platform's own domains
// only: airbnb.com.evil.example is not Airbnb). A feed's provider key is the
// platform's display name when known, otherwise its host: feeds of one key fail together when that host is down.
const KNOWN_PLATFORMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/(^|\.)airbnb\.(com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})$/, "Airbnb"],
  [/(^|\.)booking\.com$/, "Booking.com"],
  [/(^|\.)(vrbo\.com|homeaway\.(com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})|abritel\.fr|fewo-direkt\.de|stayz\.com\.au|bookabach\.co\.nz)$/, "Vrbo/Abritel"],
  [/(^|\.)google\.com$/, "Google Agenda"],
  [/(^|\.)icloud\.com$/, "iCloud"],
  [/(^|\.)(outlook\.com|outlook\.live\.com|office365\.com|live\.com)$/, "Outlook"],
  [/(^|\.)tripadvisor\.(com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})$/, "Tripadvisor"],
  [/(^|\.)expedia\.(com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})$/, "Expedia"],
  [/(^|\.)leboncoin\.fr$/, "Leboncoin"],
  [/(^|\.)gites-de-france\.com$/, "Gîtes de France"],
  [/(^|\.)(clevacances\.com)$/, "Clévacances"],
  [/(^|\.)holidu\.(com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})$/, "Holidu"],
  [/(^|\.)smoobu\.com$/, "Smoobu"],
  [/(^|\.)lodgify\.com$/, "Lodgify"],
  [/(^|\.)beds24\.com$/, "Beds24"],
  [/(^|\.)hostaway\.com$/, "Hostaway"],
];

/** The provider key of a feed URL: lower case, `www.` dropped, a known platform's name, else the host (an IP literal as written). */
export function providerKeyOf(rawUrl: string): string {
  let host: string;
  try {
    host = new URL(rawUrl.replace(/^webcals?:\/\//i, "https://")).hostname.toLowerCase();
  } catch {
    return "inconnu";
  }
  host = host.replace(/^\[|\]$/g, "").replace(/^www\./, "").replace(/\.$/, "");
  for (const [pattern, name] of KNOWN_PLATFORMS) if (pattern.test(host)) return name;
  return host || "inconnu";
}

const KNOWN_PLATFORM_NAMES = new Set(KNOWN_PLATFORMS.map(([, name]) => name));

/** Whether a provider key names a known platform (as opposed to a host): metrics label only these. */
export function isKnownPlatform(providerKey: string): boolean {
  return KNOWN_PLATFORM_NAMES.has(providerKey);
}
