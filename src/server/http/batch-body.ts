import { z } from "zod";
import { PayloadTooLargeError, ValidationError, words } from "../errors";
import { readJsonBody } from "./parse";

const BatchEnvelope = z.object({ items: z.array(z.unknown()) }).strict();

/**
 * A batch route's body, `{ "items": [...] }`: 413 over 5 MB or over `maxItems` items (nothing written), 400 when it is
 * not that shape. The items themselves are validated one by one by the service, each with its own result.
 */
export async function readBatchItems(request: Request, maxItems: number): Promise<unknown[]> {
  const parsed = BatchEnvelope.safeParse(await readJsonBody(request));
  if (!parsed.success)
    throw new ValidationError(
      words("batchShape"),
      parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    );
  if (parsed.data.items.length > maxItems)
    throw new PayloadTooLargeError(
      words("batchTooLarge", { max: maxItems, count: parsed.data.items.length }),
      maxItems,
    );
  return parsed.data.items;
}

/** How many items ended each way: the batch answer's summary. */
export function summarize(
  results: ReadonlyArray<{ result: string }>,
): Record<"created" | "updated" | "unchanged" | "error", number> {
  const summary = { created: 0, updated: 0, unchanged: 0, error: 0 };
  for (const { result } of results) summary[result as keyof typeof summary] += 1;
  return summary;
}
