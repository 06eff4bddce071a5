import type { SyncErrorType } from "./shared/sync-error-types";
import { errorsCatalogue } from "../i18n/catalogue/errors";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { translator, type MessageValues } from "../i18n/translator";

export type ErrorMessageKey = keyof typeof errorsCatalogue.fr;

/** An error's message as a key of the errors catalogue: said in the language of whoever gets the answer. */
export interface ErrorWords {
  key: ErrorMessageKey;
  values?: MessageValues;
}

export const words = (key: ErrorMessageKey, values?: MessageValues): ErrorWords => ({ key, values });

/**
 * Typed domain errors; the HTTP layer maps each code to a status through HTTP_STATUS_BY_CODE. A message given as
 * words (a catalogue key) is said in the reader's language (`messageIn`); `message` is it in French, for the logs.
 * A message given as text (a password rule's, a platform's row error) is the same in every language.
 */
export class AppError extends Error {
  readonly words?: ErrorWords;

  constructor(
    readonly code: AppErrorCode,
    message: string | ErrorWords,
    readonly details?: unknown,
  ) {
    super(typeof message === "string" ? message : sayError(message, DEFAULT_LOCALE));
    this.name = new.target.name;
    if (typeof message !== "string") this.words = message;
  }

  messageIn(locale: Locale): string {
    return this.words ? sayError(this.words, locale) : this.message;
  }
}

/** An error's words in `locale`; a not-found entity is named in that language too. */
export function sayError(said: ErrorWords, locale: Locale): string {
  const t = translator(errorsCatalogue, locale);
  const values = { ...said.values };
  if (said.key === "notFound" && typeof values.entity === "string") {
    const entity = `entity.${values.entity}`;
    if (Object.hasOwn(errorsCatalogue.fr, entity)) values.entity = t(entity as ErrorMessageKey);
  }
  return t(said.key, values);
}

export const HTTP_STATUS_BY_CODE = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  FEED_LINK_REFUSED: 422,
  LIMIT_REACHED: 422,
  UNPROCESSABLE: 422,
  TOO_SOON: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type AppErrorCode = keyof typeof HTTP_STATUS_BY_CODE;

export class ValidationError extends AppError {
  constructor(message: string | ErrorWords, details?: unknown) {
    super("VALIDATION_FAILED", message, details);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message: string | ErrorWords = words("unauthenticated")) {
    super("UNAUTHENTICATED", message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string | ErrorWords = words("forbidden"), details?: Record<string, unknown>) {
    super("FORBIDDEN", message, details);
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: string) {
    super("NOT_FOUND", words("notFound", { entity, id }), { entity, id });
  }
}

export class ConflictError extends AppError {
  constructor(message: string | ErrorWords, details?: unknown) {
    super("CONFLICT", message, details);
  }
}

/** A body over its route's size, or a batch over its item count: 413, nothing read further and nothing written. */
export class PayloadTooLargeError extends AppError {
  constructor(
    message: string | ErrorWords,
    readonly limit: number,
  ) {
    super("PAYLOAD_TOO_LARGE", message, { limit });
  }
}

/** A calendar link checked on save fails in a way only the host can fix: nothing is stored. */
export class FeedLinkRefusedError extends AppError {
  constructor(reason: string, errorType: SyncErrorType) {
    super("FEED_LINK_REFUSED", reason, { errorType });
  }
}

/** A cap that waiting does not lift (feeds per listing): 422 with the limit in the details. */
export class LimitReachedError extends AppError {
  constructor(
    message: string | ErrorWords,
    readonly limit: number,
  ) {
    super("LIMIT_REACHED", message, { limit });
  }
}

/** Well-formed input the domain cannot apply (assigning an alert to a host): 422. */
export class UnprocessableError extends AppError {
  constructor(message: string | ErrorWords, details?: unknown) {
    super("UNPROCESSABLE", message, details);
  }
}

/** The same action again too soon (« Synchroniser maintenant » once a minute). */
export class TooSoonError extends AppError {
  constructor(
    message: string | ErrorWords,
    readonly retryAfterSeconds: number,
  ) {
    super("TOO_SOON", message, { retryAfterSeconds });
  }
}

/** The database cannot be reached: the request may succeed if retried later (503 with Retry-After). */
export class ServiceUnavailableError extends AppError {
  constructor(readonly retryAfterSeconds = 10) {
    super("SERVICE_UNAVAILABLE", words("unavailable"), { retryAfterSeconds });
  }
}

// Connection-level failures (node-postgres and the socket below it), and PostgreSQL's own "not now" classes:
// 08 connection exception, 57P01-04 shutdown / cannot connect now / database dropped, 53xxx out of resources (53300
// too many connections), 55000 "database is not currently accepting connections" (ALTER DATABASE … ALLOW_CONNECTIONS
// false, or a database being created from it). PGlite's own: a closed instance.
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "57P01",
  "57P02",
  "57P03",
  "57P04",
  "53000",
  "53100",
  "53200",
  "53300",
  "55000",
]);
const UNREACHABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|server closed the connection|Connection ended unexpectedly|PGlite is closed/i;

/** True when an error means the database is unreachable rather than the request being wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (
      typeof candidate.code === "string" &&
      (UNREACHABLE_CODES.has(candidate.code) || candidate.code.startsWith("08"))
    )
      return true;
    if (typeof candidate.message === "string" && UNREACHABLE_MESSAGES.test(candidate.message)) return true;
    if (Array.isArray(candidate.errors) && candidate.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    current = candidate.cause;
  }
  return false;
}

/** PostgreSQL unique_violation, optionally on one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = findPgError(error);
  return pgError?.code === "23505" && (constraint === undefined || pgError.constraint === constraint);
}

// Drizzle wraps driver errors; the PostgreSQL fields live on the error or its cause.
function findPgError(error: unknown): { code?: string; constraint?: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        constraint: typeof candidate.constraint === "string" ? candidate.constraint : undefined,
      };
    }
    current = candidate.cause;
  }
  return undefined;
}
