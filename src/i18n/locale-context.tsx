"use client";

import { createContext, useContext, useMemo } from "react";
import { DEFAULT_LOCALE, type Locale } from "./locales";
import { translator, type Catalogue, type Translate } from "./translator";

const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

/** The page's language for the client components below it: only the two letters travel, never a catalogue. */
export function LocaleProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/** A client component's messages in the page's language; the catalogue is imported by the component's own chunk. */
export function useTranslator<K extends string>(catalogue: Catalogue<K>): Translate<K> {
  const locale = useLocale();
  return useMemo(() => translator(catalogue, locale), [catalogue, locale]);
}
