// The one way client components call our JSON API: the body parsed, and the French message to show when it fails.
export type ApiOutcome<T = unknown> =
  { ok: true; body: { data: T; meta?: Record<string, unknown> } } | { ok: false; message: string };

export async function callApi<T = unknown>(url: string, init: RequestInit = {}): Promise<ApiOutcome<T>> {
  try {
    const response = await fetch(url, init);
    const body = await response.json().catch(() => null);
    if (!response.ok) return { ok: false, message: body?.error?.message ?? `Erreur ${response.status}` };
    return { ok: true, body };
  } catch {
    return { ok: false, message: "Le serveur est injoignable. Réessayez." };
  }
}
