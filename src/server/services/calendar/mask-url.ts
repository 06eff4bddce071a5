/**
 * Feed URLs carry the private token that grants read access to a host's calendar. What may be shown is the
 * scheme, the host and the start of the path; the rest of the path and the query are masked.
 */
export function maskFeedUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "[URL invalide masquée]";
  }
  const firstSegment = url.pathname.split("/").filter(Boolean)[0];
  const shownPath = firstSegment && firstSegment.length <= 24 ? `/${firstSegment}/…` : "/…";
  const query = url.search ? "?…" : "";
  const port = url.port ? `:${url.port}` : "";
  return `${url.protocol}//${url.hostname}${port}${url.pathname === "/" ? "/" : shownPath}${query}`;
}

const URL_IN_TEXT = /\b(?:https?|webcal):\/\/[^\s"'<>]+/gi;

/** Masks every URL found in free text (error messages, e-mails, logs). */
export function maskUrlsInText(text: string): string {
  return text.replace(URL_IN_TEXT, (match) => maskFeedUrl(match.replace(/^webcal:/i, "https:")));
}
