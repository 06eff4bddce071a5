import { countsCatalogue } from "../../i18n/catalogue/counts";
import type { MessageKey } from "../../i18n/catalogue/fr/counts";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "../../i18n/locales";
import { translator } from "../../i18n/translator";

export type { MessageKey };

/**
 * What a person reads with a number in it, as ICU MessageFormat (plural rules of the language, never « (s) » or
 * `> 1 ? "s"`), from the counts catalogue of `src/i18n/catalogue`. A message is compiled once per language.
 */
export function formatMessage(
  key: MessageKey,
  values: Record<string, string | number>,
  locale: Locale = DEFAULT_LOCALE,
): string {
  return translator(countsCatalogue, locale)(key, values);
}

/** The catalogue, for the tests that check every message's plural forms. */
export const MESSAGE_KEYS = Object.keys(countsCatalogue.fr) as MessageKey[];
export const MESSAGE_LOCALES = LOCALES;
