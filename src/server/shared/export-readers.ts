import { guidanceCatalogue } from "../../i18n/catalogue/guidance";
import { DEFAULT_LOCALE, type Locale } from "../../i18n/locales";
import { translator } from "../../i18n/translator";

/**
 * Who reads an export link, told by the User-Agent where the reader announces itself. The importers of the big
 * platforms name themselves; a phone's calendar or a script does not, and is « un lecteur inconnu ».
 */
const READERS = [
  { code: "airbnb", label: "Airbnb", pattern: /airbnb/i },
  { code: "booking", label: "Booking.com", pattern: /booking\.com|bookingcom/i },
  { code: "vrbo", label: "Vrbo/Abritel", pattern: /vrbo|homeaway|abritel|expedia/i },
  { code: "google", label: "Google Agenda", pattern: /google-calendar-importer|google calendar|googlebot-calendar/i },
  { code: "apple", label: "Apple Calendar", pattern: /icalendar|calendaragent|dataaccessd|macos.*calendar/i },
  { code: "outlook", label: "Outlook", pattern: /outlook|microsoft office|exchange/i },
] as const;

export type ExportReader = (typeof READERS)[number]["code"] | "unknown";

export function exportReaderOf(userAgent: string | null | undefined): ExportReader {
  if (!userAgent) return "unknown";
  return READERS.find((reader) => reader.pattern.test(userAgent))?.code ?? "unknown";
}

/** « Airbnb », or « un lecteur inconnu » (in `locale`): what follows « lu par ». */
export function exportReaderLabel(reader: string | null | undefined, locale: Locale = DEFAULT_LOCALE): string {
  const known = READERS.find((candidate) => candidate.code === reader);
  if (!known) return translator(guidanceCatalogue, locale)("reader.unknown");
  return known.code === "apple" ? translator(guidanceCatalogue, locale)("reader.apple") : known.label;
}

/** A client address cut to its network: /24 for IPv4, /48 for IPv6; null when it is not an address. */
export function truncateAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  const value = address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
  if (v4) {
    const parts = v4.slice(1, 4).map(Number);
    if (parts.some((part) => part > 255) || Number(v4[4]) > 255) return null;
    return `${parts.join(".")}.0/24`;
  }
  if (!/^[0-9a-f:]+$/i.test(value) || !value.includes(":")) return null;
  const [head = "", tail = ""] = value.split("::");
  if (value.split("::").length > 2) return null;
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  if (missing < 0 || (missing > 0 && !value.includes("::"))) return null;
  const groups = [...headGroups, ...Array<string>(missing).fill("0"), ...tailGroups];
  if (groups.length !== 8 || groups.some((group) => !/^[0-9a-f]{1,4}$/i.test(group))) return null;
  return `${groups
    .slice(0, 3)
    .map((group) => parseInt(group, 16).toString(16))
    .join(":")}::/48`;
}
