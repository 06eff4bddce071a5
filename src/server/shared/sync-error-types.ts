import { syncErrorsCatalogue } from "../../i18n/catalogue/sync-errors";
import { DEFAULT_LOCALE, type Locale } from "../../i18n/locales";
import { translator } from "../../i18n/translator";

/**
 * Stable failure codes stored in alerts and sync runs, and what each means, in one table:
 * - hostFixable: only the host can fix it (their link is revoked, private, not an export, wrong): the host is told in
 *   plain words, a link failing so is refused when saved, and it never counts towards a provider incident;
 * - transient: the platform fails only for now: a link failing so when saved is kept, and the worker retries;
 * - providerFailure: the provider's own failure, counted towards its incident (never the host's error);
 * - the label and hint support reads are in the catalogue (sync-errors.ts in src/i18n/catalogue), by code.
 * A 429 or a 503's Retry-After is honoured whatever the type (the fetcher reads it on those statuses only).
 */
export const SYNC_ERROR_TYPES = {
  FEED_NOT_FOUND: {
    hostFixable: true,
    transient: false,
    providerFailure: false,
  },
  FEED_GONE: {
    hostFixable: true,
    transient: false,
    providerFailure: false,
  },
  ACCESS_DENIED: {
    hostFixable: true,
    transient: false,
    providerFailure: false,
  },
  RATE_LIMITED: {
    hostFixable: false,
    transient: true,
    providerFailure: true,
  },
  REMOTE_SERVER_ERROR: {
    hostFixable: false,
    transient: true,
    providerFailure: true,
  },
  TIMEOUT: {
    hostFixable: false,
    transient: true,
    providerFailure: true,
  },
  DNS_FAILURE: {
    hostFixable: false,
    transient: false,
    providerFailure: true,
  },
  CONNECTION_FAILED: {
    hostFixable: false,
    transient: true,
    providerFailure: true,
  },
  TLS_ERROR: {
    hostFixable: false,
    transient: false,
    providerFailure: true,
  },
  TOO_MANY_REDIRECTS: {
    hostFixable: true,
    transient: false,
    providerFailure: false,
  },
  FEED_TOO_LARGE: {
    hostFixable: false,
    transient: false,
    providerFailure: true,
  },
  FEED_TOO_COMPLEX: {
    hostFixable: true,
    transient: false,
    providerFailure: false,
  },
  INVALID_ICAL: {
    hostFixable: true,
    transient: false,
    providerFailure: false,
  },
  HTTP_ERROR: {
    hostFixable: false,
    transient: false,
    providerFailure: true,
  },
  INVALID_URL: {
    hostFixable: true,
    transient: false,
    providerFailure: false,
  },
  BLOCKED_ADDRESS: {
    hostFixable: true,
    transient: false,
    providerFailure: false,
  },
  FEED_SUDDENLY_EMPTY: {
    hostFixable: true,
    transient: false,
    providerFailure: false,
  },
  EXPORT_NOT_READ: {
    hostFixable: true,
    transient: false,
    providerFailure: false,
  },
  UNEXPECTED_ERROR: {
    hostFixable: false,
    transient: true,
    providerFailure: true,
  },
} as const satisfies Record<string, { hostFixable: boolean; transient: boolean; providerFailure: boolean }>;

export type SyncErrorType = keyof typeof SYNC_ERROR_TYPES;

const ALL_TYPES = Object.keys(SYNC_ERROR_TYPES) as SyncErrorType[];
const known = (code: string | null | undefined): SyncErrorType | null =>
  code && Object.hasOwn(SYNC_ERROR_TYPES, code) ? (code as SyncErrorType) : null;

/** Only the host can fix it (an unknown code is not). */
export const isHostFixable = (code: SyncErrorType | null | undefined): boolean => {
  const type = known(code);
  return type !== null && SYNC_ERROR_TYPES[type].hostFixable;
};
/**
 * The host is sent the notice after HOST_NOTICE_AFTER_FAILURES failures of this type in a row: the host-fixable
 * errors, but an emptied calendar, whose notice waits until the emptiness is confirmed (record-confirmed-empty.ts).
 */
export const noticesHostOnFailures = (code: SyncErrorType | null | undefined): boolean =>
  isHostFixable(code) && code !== "FEED_SUDDENLY_EMPTY" && code !== "EXPORT_NOT_READ";

/** The export side's one error: a destination stopped reading our link. Every other type is the import's. */
export const EXPORT_ERROR_TYPES: readonly SyncErrorType[] = ["EXPORT_NOT_READ"];
export const directionOf = (code: SyncErrorType | string | null | undefined): "import" | "export" =>
  code === "EXPORT_NOT_READ" ? "export" : "import";
/** The platform fails only for now; an unknown code counts as unexpected, so transient. */
export const isTransient = (code: SyncErrorType | null | undefined): boolean =>
  SYNC_ERROR_TYPES[known(code) ?? "UNEXPECTED_ERROR"].transient;
/** Counted towards a provider incident; an unknown code counts as unexpected. */
export const isProviderFailure = (code: SyncErrorType | null | undefined): boolean =>
  SYNC_ERROR_TYPES[known(code) ?? "UNEXPECTED_ERROR"].providerFailure;
/** The types that are the host's own, for SQL that leaves them out. */
export const HOST_FIXABLE_TYPES: readonly SyncErrorType[] = ALL_TYPES.filter(
  (type) => SYNC_ERROR_TYPES[type].hostFixable,
);

/** A code's label and hint in `locale`; an unknown code is its own label, with the unexpected error's hint. */
export function describeSyncErrorType(
  code: string,
  locale: Locale = DEFAULT_LOCALE,
): { code: string; label: string; hint: string } {
  const t = translator(syncErrorsCatalogue, locale);
  const type = known(code);
  return type
    ? { code, label: t(`label.${type}`), hint: t(`hint.${type}`) }
    : { code, label: code, hint: t("hint.UNEXPECTED_ERROR") };
}

/** Every code, as a tuple for z.enum. */
export const SYNC_ERROR_TYPE_CODES = Object.keys(SYNC_ERROR_TYPES) as [SyncErrorType, ...SyncErrorType[]];
