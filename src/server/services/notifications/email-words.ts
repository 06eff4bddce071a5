import { emailsCatalogue } from "../../../i18n/catalogue/emails";
import { INTL_TAGS, type Locale } from "../../../i18n/locales";
import { translator, type Translate } from "../../../i18n/translator";
import { PLATFORM_TIME_ZONE } from "../../shared/platform-time";

export type EmailTranslate = Translate<keyof typeof emailsCatalogue.fr>;

/** An e-mail's words in its recipient's language. */
export const emailWords = (locale: Locale): EmailTranslate => translator(emailsCatalogue, locale);

const longDateTimes = new Map<Locale, Intl.DateTimeFormat>();
/** « 7 décembre 2026 à 09:30 », « 7 December 2026 at 09:30 », in the platform's time zone. */
export function longDateTime(at: Date | string, locale: Locale): string {
  let format = longDateTimes.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_TAGS[locale], {
      dateStyle: "long",
      timeStyle: "short",
      timeZone: PLATFORM_TIME_ZONE,
    });
    longDateTimes.set(locale, format);
  }
  return format.format(new Date(at));
}
