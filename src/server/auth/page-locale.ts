import { headers } from "next/headers";
import { cache } from "react";
import { getPageViewer } from "./page-session";
import { negotiateLocale, type Locale } from "../../i18n/locales";
import { translator, type Catalogue, type Translate } from "../../i18n/translator";

/** The page's language: the signed-in person's account, else the browser's Accept-Language. Once per request. */
export const getPageLocale = cache(async (): Promise<Locale> => {
  const viewer = await getPageViewer();
  return viewer?.locale ?? negotiateLocale((await headers()).get("accept-language"));
});

/** A server page's messages in the page's language. */
export async function pageTranslator<K extends string>(catalogue: Catalogue<K>): Promise<Translate<K>> {
  return translator(catalogue, await getPageLocale());
}
