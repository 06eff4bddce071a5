// Path words that platforms put before the secret part of an export link; nothing else of a path is shown.
export const NON_SECRET_PATH_WORDS: ReadonlySet<string> = new Set([
  "calendar",
  "calendars",
  "cal",
  "ical",
  "icalendar",
  "ics",
  "export",
  "exports",
  "feed",
  "feeds",
  "hotel",
  "published",
  "public",
  "api",
  "airbnb",
  "booking",
  "vrbo",
  "google",
]);

/**
 * Feed URLs carry the private token that grants read access to a host's calendar, and a token can sit in any
 * path segment. What may be shown is the scheme, the host and a first path segment from a short list of
 * words known not to be secret; the rest of the path and the query are masked.
 */
export function maskFeedUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "[URL invalide masquée]";
  }
  const firstSegment = url.pathname.split("/").filter(Boolean)[0]?.toLowerCase();
  const shownPath = firstSegment && NON_SECRET_PATH_WORDS.has(firstSegment) ? `/${firstSegment}/…` : "/…";
  const query = url.search ? "?…" : "";
  const port = url.port ? `:${url.port}` : "";
  return `${url.protocol}//${url.hostname}${port}${url.pathname === "/" ? "/" : shownPath}${query}`;
}

const URL_IN_TEXT = /\b(?:https?|webcal):\/\/[^\s"'<>]+/gi;

/** Masks every URL found in free text (error messages, e-mails, logs). */
export function maskUrlsInText(text: string): string {
  return text.replace(URL_IN_TEXT, (match) => maskFeedUrl(match.replace(/^webcal:/i, "https:")));
}
