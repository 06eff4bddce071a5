// The one way client components call our JSON API: the body parsed, and the message to show when it fails (the
// server's, in the viewer's language; ours in the page's).
import { shellCatalogue } from "@/i18n/catalogue/shell";
import { isLocale } from "@/i18n/locales";
import { translator } from "@/i18n/translator";

export type ApiOutcome<T = unknown> =
  { ok: true; body: { data: T; meta?: Record<string, unknown> } } | { ok: false; message: string };

/** The page's own words, in the language its <html lang> says (this runs in the browser only). */
export function pageWords() {
  const lang = typeof document === "undefined" ? "fr" : document.documentElement.lang;
  return translator(shellCatalogue, isLocale(lang) ? lang : "fr");
}

/**
 * A 401 means the session ended under the page (signed out elsewhere, the account disabled or its sessions revoked):
 * the page goes to the sign-in page, which brings it back here after.
 */
function sendToSignIn(): void {
  const back = `${window.location.pathname}${window.location.search}`;
  // A full load, not a client navigation: nothing of the ended session's page stays in memory.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign(`/login?callbackUrl=${encodeURIComponent(back)}`);
}

export async function callApi<T = unknown>(url: string, init: RequestInit = {}): Promise<ApiOutcome<T>> {
  try {
    const response = await fetch(url, init);
    const body = await response.json().catch(() => null);
    if (response.status === 401) {
      sendToSignIn();
      return { ok: false, message: pageWords()("sessionEnded") };
    }
    if (!response.ok)
      return { ok: false, message: body?.error?.message ?? pageWords()("httpError", { status: response.status }) };
    return { ok: true, body };
  } catch {
    return { ok: false, message: pageWords()("serverUnreachable") };
  }
}
