import { z } from "zod";
import { ValidationError, words } from "../../errors";
import { INT4_MAX, isEntityId } from "../../validation";

// A cursor comes back from the client: every field is checked against the column it is compared with.
const Instant = z
  .string()
  .max(40)
  .refine((value) => {
    const time = Date.parse(value);
    return time >= 0 && time <= Date.UTC(9999, 11, 31);
  });
const RowId = z.string().refine(isEntityId);

export type AlertOrder = "attempts" | "recent" | "risk";

const CursorSchema = z.discriminatedUnion("o", [
  z.object({ o: z.literal("attempts"), a: z.number().int().min(0).max(INT4_MAX), t: Instant, id: RowId }),
  z.object({ o: z.literal("recent"), t: Instant, id: RowId }),
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
    throw new ValidationError(words("badCursor"), [{ path: "cursor", message: "curseur illisible" }]);
  }
  const result = CursorSchema.safeParse(parsed);
  if (!result.success || result.data.o !== expectedOrder) {
    throw new ValidationError(words("badCursor"), [
      { path: "cursor", message: "curseur ne correspondant pas à ce tri" },
    ]);
  }
  return result.data;
}
