import { IntlMessageFormat } from "intl-messageformat";
import { INTL_TAGS, type Locale } from "./locales";

/** A catalogue: one area's messages, French (the reference) and English, with the same keys. */
export interface Catalogue<K extends string> {
  readonly fr: Readonly<Record<K, string>>;
  readonly en: Readonly<Record<K, string>>;
}

export type MessageValues = Record<string, string | number>;
export type Translate<K extends string> = (key: K, values?: MessageValues) => string;

// One cache per catalogue and language: a message with an argument is compiled once, on first use; a message
// without one is returned as written (ICU quoting applies only to messages with arguments, see catalogue/README).
const compiled = new WeakMap<object, Map<string, IntlMessageFormat | string>>();

/** The function that says `catalogue`'s messages in `locale`: t("title"), t("failures", { count: 2 }). */
export function translator<K extends string>(catalogue: Catalogue<K>, locale: Locale): Translate<K> {
  const messages = catalogue[locale] as Readonly<Record<string, string>>;
  let cache = compiled.get(messages);
  if (!cache) {
    cache = new Map();
    compiled.set(messages, cache);
  }
  const formats = cache;
  return (key, values) => {
    let format = formats.get(key);
    if (format === undefined) {
      const source = messages[key] ?? key;
      format = source.includes("{") ? new IntlMessageFormat(source, INTL_TAGS[locale]) : source;
      formats.set(key, format);
    }
    return typeof format === "string" ? format : String(format.format(values ?? {}));
  };
}
