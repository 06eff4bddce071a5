import { guidanceCatalogue } from "../../i18n/catalogue/guidance";
import { DEFAULT_LOCALE, type Locale } from "../../i18n/locales";
import { translator } from "../../i18n/translator";

/**
 * The destinations that read a listing's export links, one link each: what a link is called, the provider key its
 * imported feeds carry (the link leaves those out, so nothing echoes back to where it came from), and the host's
 * steps to check that the link is still pasted there.
 */
export const EXPORT_DESTINATIONS = {
  airbnb: {
    label: "Airbnb",
    providerKey: "Airbnb",
    steps: ["exportSteps.airbnb.1", "exportSteps.airbnb.2", "exportSteps.airbnb.3"],
  },
  booking: {
    label: "Booking.com",
    providerKey: "Booking.com",
    steps: ["exportSteps.booking.1", "exportSteps.booking.2", "exportSteps.booking.3"],
  },
  vrbo: {
    label: "Vrbo/Abritel",
    providerKey: "Vrbo/Abritel",
    steps: ["exportSteps.vrbo.1", "exportSteps.vrbo.2", "exportSteps.vrbo.3"],
  },
  other: {
    label: "Autre",
    providerKey: null,
    steps: ["exportSteps.other.1", "exportSteps.other.2"],
  },
} as const satisfies Record<
  string,
  { label: string; providerKey: string | null; steps: readonly (keyof typeof guidanceCatalogue.fr)[] }
>;

export type ExportDestination = keyof typeof EXPORT_DESTINATIONS;

/** A destination's name and the host's steps to check its link, in `locale` (« Autre » is a word, the rest brands). */
export function destinationInWords(
  destination: ExportDestination,
  locale: Locale = DEFAULT_LOCALE,
): { label: string; steps: string[] } {
  const t = translator(guidanceCatalogue, locale);
  const known = EXPORT_DESTINATIONS[destination];
  return {
    label: destination === "other" ? t("destination.other") : known.label,
    steps: known.steps.map((key) => t(key)),
  };
}
export const EXPORT_DESTINATION_CODES = Object.keys(EXPORT_DESTINATIONS) as [ExportDestination, ...ExportDestination[]];

/** The provider key of the export incident of a destination: apart from the import side's (no feed carries it). */
export const exportIncidentKey = (destination: ExportDestination): string => `export:${destination}`;

/** The destination an export incident's key names, or null for an import incident. */
export function destinationOfIncidentKey(providerKey: string): ExportDestination | null {
  const code = providerKey.startsWith("export:") ? providerKey.slice("export:".length) : null;
  return code !== null && Object.hasOwn(EXPORT_DESTINATIONS, code) ? (code as ExportDestination) : null;
}

/** « Airbnb (export) » for an export incident's key, the key itself otherwise. */
export function providerDisplayName(providerKey: string): string {
  const destination = destinationOfIncidentKey(providerKey);
  return destination ? `${EXPORT_DESTINATIONS[destination].label} (export)` : providerKey;
}

/** The path of an export link: what a destination reads. */
export const exportLinkPath = (token: string): string => `/ical/${token}.ics`;
