// The one way client components call our JSON API: the body parsed, and the French message to show when it fails.
export type ApiOutcome<T = unknown> =
  { ok: true; body: { data: T; meta?: Record<string, unknown> } } | { ok: false; message: string };

export const SESSION_ENDED_MESSAGE = "Votre session a pris fin : reconnectez-vous.";

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
      return { ok: false, message: SESSION_ENDED_MESSAGE };
    }
    if (!response.ok) return { ok: false, message: body?.error?.message ?? `Erreur ${response.status}` };
    return { ok: true, body };
  } catch {
    return { ok: false, message: "Le serveur est injoignable. Réessayez." };
  }
}
