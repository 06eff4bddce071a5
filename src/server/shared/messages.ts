import { IntlMessageFormat } from "intl-messageformat";
import { fr, type MessageKey } from "../../i18n/catalogue/fr";
import { en } from "../../i18n/catalogue/en";
import { DEFAULT_LOCALE, INTL_TAGS, LOCALES, type Locale } from "../../i18n/locales";

export type { MessageKey };

/**
 * What a person reads with a number in it, as ICU MessageFormat (plural rules of the language, never « (s) » or
 * `> 1 ? "s"`), from the catalogues of `src/i18n/catalogue`. A message is compiled once per language, on first use.
 */
const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { fr, en };
const compiled = new Map<string, IntlMessageFormat>();

/** The message `key` with its values: formatMessage("nights", { count: 2 }) is « 2 nuits », in English « 2 nights ». */
export function formatMessage(
  key: MessageKey,
  values: Record<string, string | number>,
  locale: Locale = DEFAULT_LOCALE,
): string {
  const cacheKey = `${locale}:${key}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    format = new IntlMessageFormat(CATALOGUES[locale][key], INTL_TAGS[locale]);
    compiled.set(cacheKey, format);
  }
  return String(format.format(values));
}

/** The catalogue, for the tests that check every message's plural forms. */
export const MESSAGE_KEYS = Object.keys(fr) as MessageKey[];
export const MESSAGE_LOCALES = LOCALES;
