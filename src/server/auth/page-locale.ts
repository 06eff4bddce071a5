import { headers } from "next/headers";
import { cache } from "react";
import { getPageViewer } from "./page-session";
import { negotiateLocale, type Locale } from "../../i18n/locales";
import { translator, type Catalogue, type Translate } from "../../i18n/translator";

/**
 * The page's language: the signed-in person's account, else the browser's Accept-Language. Once per request. The root
 * layout asks it: a database that does not answer must not take the error page down with it, so the browser's
 * language stands in (the page itself then fails, and error.tsx says so in that language).
 */
export const getPageLocale = cache(async (): Promise<Locale> => {
  const viewer = await getPageViewer().catch(() => null);
  return viewer?.locale ?? negotiateLocale((await headers()).get("accept-language"));
});

/** A server page's messages in the page's language. */
export async function pageTranslator<K extends string>(catalogue: Catalogue<K>): Promise<Translate<K>> {
  return translator(catalogue, await getPageLocale());
}
