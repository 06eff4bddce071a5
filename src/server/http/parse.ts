import type { z } from "zod";
import { PayloadTooLargeError, UnprocessableError, ValidationError, words } from "../errors";
import { containsNul } from "../validation";

const NUL_MESSAGE = "La requête contient un caractère NUL (0x00), refusé.";

function issuesOf(error: z.ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message, code: issue.code }));
}

export function parseSearchParams<S extends z.ZodType>(schema: S, url: string): z.infer<S> {
  const params = Object.fromEntries(new URL(url).searchParams);
  if (containsNul(params)) throw new ValidationError(NUL_MESSAGE);
  const result = schema.safeParse(params);
  if (!result.success) throw new ValidationError(words("badQuery"), issuesOf(result.error));
  return result.data;
}

export async function parseJsonBody<S extends z.ZodType>(schema: S, request: Request): Promise<z.infer<S>> {
  const text = await request.text();
  let body: unknown = {};
  if (text.trim() !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      throw new ValidationError(words("badJson"));
    }
  }
  if (containsNul(body)) throw new ValidationError(NUL_MESSAGE);
  const result = schema.safeParse(body);
  if (!result.success) throw new ValidationError(words("badBody"), issuesOf(result.error));
  return result.data;
}

/** The integration API's bodies: a batch of 1,000 items fits many times over. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * The body as JSON, read up to `maxBytes` (413 past it, before it is all read); malformed JSON or a NUL character is a
 * 400. The value is returned unvalidated: the caller validates it (per item, for a batch).
 */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const tooLarge = () =>
    new PayloadTooLargeError(words("bodyTooLarge", { megabytes: Math.round(maxBytes / 1024 / 1024) }), maxBytes);
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  if (text.trim() === "") throw new ValidationError(words("emptyBody"));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ValidationError(words("badJson"));
  }
  if (containsNul(body)) throw new ValidationError(NUL_MESSAGE);
  return body;
}

/** A body read by readJsonBody, validated whole: 422 with every issue's path (a well-formed request the domain refuses). */
export function validateBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (!result.success)
    throw new UnprocessableError(
      result.error.issues[0]?.message ?? "Corps de requête invalide.",
      issuesOf(result.error),
    );
  return result.data;
}
