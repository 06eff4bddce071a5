import { pageWords } from "../call-api";

/** A POST of the sign-in side's forms (no session): the data, or our error envelope, or « le service ne répond pas ». */
export async function postJson(
  path: string,
  body: unknown,
): Promise<{ ok: boolean; data?: unknown; error?: { message: string; details?: { state?: string } } }> {
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  }).catch(() => null);
  const json = await response?.json().catch(() => ({}));
  return response?.ok
    ? { ok: true, data: json.data }
    : { ok: false, error: json?.error ?? { message: pageWords()("serviceDown") } };
}
