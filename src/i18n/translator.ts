import { IntlMessageFormat } from "intl-messageformat";
import { INTL_TAGS, type Locale } from "./locales";

/** A catalogue: one area's messages, French (the reference) and English, with the same keys. */
export interface Catalogue<K extends string> {
  readonly fr: Readonly<Record<K, string>>;
  readonly en: Readonly<Record<K, string>>;
}

export type MessageValues = Record<string, string | number>;
export type Translate<K extends string> = (key: K, values?: MessageValues) => string;

// A message with an argument is compiled once per language, on first use; a message without one is returned as
// written (so ICU's quoting, '' for an apostrophe, applies only to messages with an argument).
// The translator of a catalogue's language is made once and kept with it.
const translators = new WeakMap<object, Translate<string>>();

/** The function that says `catalogue`'s messages in `locale`: t("title"), t("failures", { count: 2 }). */
export function translator<K extends string>(catalogue: Catalogue<K>, locale: Locale): Translate<K> {
  const messages = catalogue[locale] as Readonly<Record<string, string>>;
  const known = translators.get(messages);
  if (known) return known;
  const formats = new Map<string, IntlMessageFormat | string>();
  const translate: Translate<string> = (key, values) => {
    let format = formats.get(key);
    if (format === undefined) {
      const source = messages[key] ?? key;
      format = source.includes("{") ? new IntlMessageFormat(source, INTL_TAGS[locale]) : source;
      formats.set(key, format);
    }
    return typeof format === "string" ? format : String(format.format(values ?? {}));
  };
  translators.set(messages, translate);
  return translate;
}
