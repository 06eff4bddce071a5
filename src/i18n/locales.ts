/** The languages of the UI, e-mails and messages: French first (the default), English second. */
export const LOCALES = ["fr", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";

/** The tag Intl formatters take for each language. */
export const INTL_TAGS: Record<Locale, string> = { fr: "fr-FR", en: "en-GB" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The language a browser prefers among ours, from its Accept-Language header (« en-US,en;q=0.9,fr;q=0.8 »): the
 * highest-weighted range whose language we speak, French when none is. Malformed parts are skipped.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  const ranges = (acceptLanguage ?? "")
    .slice(0, 1_000)
    .split(",")
    .map((part, index) => {
      const [range = "", ...params] = part.trim().split(";");
      const q = params.map((param) => /^\s*q=([01](\.\d{0,3})?)\s*$/.exec(param)?.[1]).find(Boolean);
      return {
        language: range.trim().toLowerCase().split("-")[0] ?? "",
        weight: q === undefined ? 1 : Number(q),
        index,
      };
    })
    .filter((range) => range.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranges.map((range) => range.language).find(isLocale) ?? DEFAULT_LOCALE;
}
