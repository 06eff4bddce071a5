import type { syncErrors as fr } from "../fr/sync-errors";

export const syncErrors: Record<keyof typeof fr, string> = {
  "label.FEED_NOT_FOUND": "Calendar not found (404)",
  "hint.FEED_NOT_FOUND":
    "The export link was revoked or regenerated at the platform. Ask the host for the new iCal link and replace the feed.",
  "label.FEED_GONE": "Calendar deleted (410)",
  "hint.FEED_GONE":
    "The platform says this calendar no longer exists. Check with the host whether the listing still exists there.",
  "label.ACCESS_DENIED": "Access denied (401/403)",
  "hint.ACCESS_DENIED":
    "The platform refuses access: an expired private link or a deactivated listing. Ask the host for a new export link.",
  "label.RATE_LIMITED": "Too many requests (429)",
  "hint.RATE_LIMITED":
    "The platform is limiting imports for now. The sync will resume by itself; escalate if it lasts more than a day.",
  "label.REMOTE_SERVER_ERROR": "Remote server error (5xx)",
  "hint.REMOTE_SERVER_ERROR": "The platform is down. Usually short-lived: watch it, and tell the host if it lasts.",
  "label.TIMEOUT": "Timed out",
  "hint.TIMEOUT":
    "The platform did not answer in time. Often short-lived; if it persists, check the link with the host.",
  "label.DNS_FAILURE": "Domain name not found",
  "hint.DNS_FAILURE":
    "The link's domain name does not resolve: a link copied wrongly or a closed service. Check the URL with the host.",
  "label.CONNECTION_FAILED": "Connection failed",
  "hint.CONNECTION_FAILED": "The remote server refused or cut the connection. Often short-lived.",
  "label.TLS_ERROR": "Certificate error (TLS)",
  "hint.TLS_ERROR":
    "The remote server's HTTPS certificate is invalid. Check that the host uses the platform's official link.",
  "label.TOO_MANY_REDIRECTS": "Too many redirects",
  "hint.TOO_MANY_REDIRECTS": "The link redirects in a loop. Ask the host for the direct export link.",
  "label.FEED_TOO_LARGE": "Calendar too large",
  "hint.FEED_TOO_LARGE": "The file exceeds the largest size accepted. Check that the link leads to an iCal export.",
  "label.FEED_TOO_COMPLEX": "Calendar too complex",
  "hint.FEED_TOO_COMPLEX":
    "The calendar's repeated events take too much computing (endless repetitions for years). Ask the host for the platform's export link, or to simplify their repeated events.",
  "label.INVALID_ICAL": "Invalid iCal format",
  "hint.INVALID_ICAL":
    "The link does not return an iCal calendar (an HTML page, JSON or a corrupt file). Check the link with the host.",
  "label.HTTP_ERROR": "HTTP error",
  "hint.HTTP_ERROR": "The remote server answered with an unexpected status. See the detailed message.",
  "label.INVALID_URL": "Invalid URL",
  "hint.INVALID_URL": "The saved link is not a valid http(s) URL. Have the host correct it.",
  "label.BLOCKED_ADDRESS": "Blocked address",
  "hint.BLOCKED_ADDRESS":
    "The link points to an internal or forbidden address (SSRF protection). It must be replaced by the platform's public link.",
  "label.FEED_SUDDENLY_EMPTY": "Calendar suddenly empty",
  "hint.FEED_SUDDENLY_EMPTY":
    "The feed no longer holds any event although it had some. The imported bookings are kept until confirmation. Check with the host.",
  "label.EXPORT_NOT_READ": "Export no longer read by the platform",
  "hint.EXPORT_NOT_READ":
    "The platform no longer reads the listing's export link: the host probably removed it there, or its import is broken. The nights sold elsewhere stay open there. The host was sent the steps to check the link; the alert closes by itself at the next read.",
  "label.UNEXPECTED_ERROR": "Unexpected error",
  "hint.UNEXPECTED_ERROR": "Internal error during the sync. Pass the alert to the technical team.",
};
