// What a host reads about a broken calendar link: plain words in their language, no codes, and the steps on their
// own platform. Used by the host notice e-mail and the « Mes calendriers » page, so both say the same thing.

import type { SyncErrorType } from "./sync-error-types";
import { guidanceCatalogue } from "../../i18n/catalogue/guidance";
import { DEFAULT_LOCALE, type Locale } from "../../i18n/locales";
import { translator } from "../../i18n/translator";

type GuidanceKey = keyof typeof guidanceCatalogue.fr;

const WHAT_WE_SAW: Partial<Record<SyncErrorType, GuidanceKey>> = {
  FEED_NOT_FOUND: "whatWeSaw.FEED_NOT_FOUND",
  FEED_GONE: "whatWeSaw.FEED_GONE",
  ACCESS_DENIED: "whatWeSaw.ACCESS_DENIED",
  INVALID_ICAL: "whatWeSaw.INVALID_ICAL",
  INVALID_URL: "whatWeSaw.INVALID_URL",
  TOO_MANY_REDIRECTS: "whatWeSaw.TOO_MANY_REDIRECTS",
  BLOCKED_ADDRESS: "whatWeSaw.BLOCKED_ADDRESS",
  FEED_TOO_COMPLEX: "whatWeSaw.FEED_TOO_COMPLEX",
  FEED_SUDDENLY_EMPTY: "whatWeSaw.FEED_SUDDENLY_EMPTY",
  EXPORT_NOT_READ: "whatWeSaw.EXPORT_NOT_READ",
};

const STEPS: Record<string, GuidanceKey[]> = {
  Airbnb: ["steps.airbnb.1", "steps.airbnb.2", "steps.paste"],
  "Booking.com": ["steps.booking.1", "steps.booking.2", "steps.paste"],
  "Vrbo/Abritel": ["steps.vrbo.1", "steps.vrbo.2", "steps.paste"],
  "Google Agenda": ["steps.google.1", "steps.google.2", "steps.paste"],
};
const GENERIC_STEPS: GuidanceKey[] = ["steps.other.1", "steps.other.2", "steps.paste"];

export interface HostGuidance {
  platform: string;
  whatWeSaw: string;
  risk: string;
  steps: string[];
}

/** The explanation and steps, in `locale`, for a feed of `providerKey` that failed with `errorType`. */
export function hostGuidance(
  providerKey: string,
  errorType: SyncErrorType,
  locale: Locale = DEFAULT_LOCALE,
): HostGuidance {
  const t = translator(guidanceCatalogue, locale);
  const known = STEPS[providerKey];
  return {
    platform: known ? providerKey : providerKey || t("yourPlatform"),
    whatWeSaw: t(WHAT_WE_SAW[errorType] ?? "whatWeSaw.other"),
    risk: t("risk"),
    steps: (known ?? GENERIC_STEPS).map((key) => t(key)),
  };
}
