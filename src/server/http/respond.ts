import { NextResponse } from "next/server";
import {
  AppError,
  HTTP_STATUS_BY_CODE,
  isDatabaseUnavailable,
  ServiceUnavailableError,
  TooSoonError,
  type AppErrorCode,
} from "../errors";
import { logger } from "../logger";
import { negotiateLocale, type Locale } from "../../i18n/locales";
import { errorsCatalogue } from "../../i18n/catalogue/errors";
import { translator } from "../../i18n/translator";

/** The language of a request's answer: the signed-in person's, else what the client asks (Accept-Language). */
export function requestLocale(request: Request, viewer?: { locale?: Locale } | null): Locale {
  return viewer?.locale ?? negotiateLocale(request.headers.get("accept-language"));
}

export function jsonData<T>(data: T, meta?: Record<string, unknown>, status = 200): NextResponse {
  return NextResponse.json(meta === undefined ? { data } : { data, meta }, { status });
}

export function jsonError(code: AppErrorCode, message: string, details?: unknown): NextResponse {
  const error = details === undefined ? { code, message } : { code, message, details };
  return NextResponse.json({ error }, { status: HTTP_STATUS_BY_CODE[code] });
}

/**
 * Maps any thrown value to the JSON error shape, its message in `locale` (the code stays the same); unexpected errors
 * are logged and their message hidden.
 */
export function errorResponse(error: unknown, route: string, locale: Locale = "fr"): NextResponse {
  if (isDatabaseUnavailable(error)) {
    logger.warn({ err: error, route }, "database unreachable");
    error = new ServiceUnavailableError();
  }
  if (error instanceof ServiceUnavailableError) {
    const response = jsonError(error.code, error.messageIn(locale));
    response.headers.set("retry-after", String(error.retryAfterSeconds));
    return response;
  }
  if (error instanceof TooSoonError) {
    const response = jsonError(error.code, error.messageIn(locale), error.details);
    response.headers.set("retry-after", String(error.retryAfterSeconds));
    return response;
  }
  if (error instanceof AppError) return jsonError(error.code, error.messageIn(locale), error.details);
  logger.error({ err: error, route }, "unexpected error in route handler");
  return jsonError("INTERNAL_ERROR", translator(errorsCatalogue, locale)("internal"));
}
