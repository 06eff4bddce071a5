import { z } from "zod";
import { ValidationError } from "../../../errors";

export type AlertOrder = "attempts" | "recent" | "risk";

const CursorSchema = z.discriminatedUnion("o", [
  z.object({ o: z.literal("attempts"), a: z.number().int(), t: z.string(), id: z.string() }),
  z.object({ o: z.literal("recent"), t: z.string(), id: z.string() }),
  z.object({ o: z.literal("risk"), offset: z.number().int().min(0).max(100_000) }),
]);
export type AlertCursor = z.infer<typeof CursorSchema>;

export function encodeCursor(cursor: AlertCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

/** Opaque keyset cursor: the sort key of the last row of the previous page. */
export function decodeCursor(raw: string, expectedOrder: AlertOrder): AlertCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw new ValidationError("Curseur de pagination invalide.", [{ path: "cursor", message: "curseur illisible" }]);
  }
  const result = CursorSchema.safeParse(parsed);
  if (!result.success || result.data.o !== expectedOrder || ("t" in result.data && Number.isNaN(Date.parse(result.data.t)))) {
    throw new ValidationError("Curseur de pagination invalide.", [{ path: "cursor", message: "curseur ne correspondant pas à ce tri" }]);
  }
  return result.data;
}
