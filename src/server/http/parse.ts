import type { z } from "zod";
import { ValidationError } from "../errors";
import { containsNul } from "../validation";

const NUL_MESSAGE = "La requête contient un caractère NUL (0x00), refusé.";

function issuesOf(error: z.ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message, code: issue.code }));
}

export function parseSearchParams<S extends z.ZodType>(schema: S, url: string): z.infer<S> {
  const params = Object.fromEntries(new URL(url).searchParams);
  if (containsNul(params)) throw new ValidationError(NUL_MESSAGE);
  const result = schema.safeParse(params);
  if (!result.success) throw new ValidationError("Paramètres de requête invalides.", issuesOf(result.error));
  return result.data;
}

export async function parseJsonBody<S extends z.ZodType>(schema: S, request: Request): Promise<z.infer<S>> {
  const text = await request.text();
  let body: unknown = {};
  if (text.trim() !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      throw new ValidationError("Le corps de la requête n'est pas du JSON valide.");
    }
  }
  if (containsNul(body)) throw new ValidationError(NUL_MESSAGE);
  const result = schema.safeParse(body);
  if (!result.success) throw new ValidationError("Corps de requête invalide.", issuesOf(result.error));
  return result.data;
}
