import { describe, expect, it } from "vitest";
import fc from "fast-check";
import pg from "pg";
import { drizzle } from "drizzle-orm/node-postgres";
import * as schema from "@/server/db/schema";
import type { Database } from "@/server/db/database";
import {
  ALERT_STATUS_FILTERS,
  buildAlertListQueries,
  type ListAlertsInput,
} from "@/server/services/read-models/list-alerts";
import { encodeCursor } from "@/server/services/read-models/alert-cursor";
import { ValidationError } from "@/server/errors";

// Never connects: only builds SQL.
const db = drizzle(new pg.Pool({ connectionString: "postgres://nobody@127.0.0.1:1/none" }), {
  schema,
}) as unknown as Database;

const cursorFor = fc.oneof(
  fc.integer({ min: 0, max: 500 }).map((offset) => encodeCursor({ o: "risk", offset })),
  fc
    .record({
      a: fc.integer({ min: 0, max: 1_000 }),
      t: fc.date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }),
      id: fc.stringMatching(/^[a-z0-9]{1,24}$/),
    })
    .map(({ a, t, id }) => encodeCursor({ o: "attempts", a, t: t.toISOString(), id })),
  fc
    .record({
      t: fc.date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }),
      id: fc.stringMatching(/^[a-z0-9]{1,24}$/),
    })
    .map(({ t, id }) => encodeCursor({ o: "recent", t: t.toISOString(), id })),
);

const anyInput: fc.Arbitrary<ListAlertsInput> = fc.record(
  {
    status: fc.constantFrom(...ALERT_STATUS_FILTERS),
    listingId: fc.stringMatching(/^[a-z0-9-]{1,20}$/),
    q: fc
      .string({ minLength: 1, maxLength: 10 })
      .filter((value) => value.trim().length > 0 && !value.includes("\u0000")),
    provider: fc.constantFrom("Airbnb", "Booking.com", "127.0.0.2"),
    errorType: fc.constantFrom("TIMEOUT", "FEED_NOT_FOUND"),
    from: fc.constant(new Date("2026-01-01T00:00:00Z")),
    to: fc.constant(new Date("2026-12-31T00:00:00Z")),
    cursor: cursorFor,
    limit: fc.integer({ min: 1, max: 100 }),
    sort: fc.constantFrom("attempts" as const, "risk" as const),
    assignee: fc.constantFrom("me" as const, "none" as const),
    updatedSince: fc.constant(new Date("2026-06-01T00:00:00Z")),
  },
  { requiredKeys: [] },
);

describe("the list's statement names", () => {
  it("name one SQL text per shape: inputs of the same shape build the same statements (a prepared name never changes text)", () => {
    const textByName = new Map<string, string>();
    let built = 0;
    fc.assert(
      fc.property(anyInput, (input) => {
        let queries;
        try {
          queries = buildAlertListQueries(db, input, "viewer-id");
        } catch (error) {
          // Inputs the list refuses (a cursor of another order, risk on the history) never reach the database.
          expect(error).toBeInstanceOf(ValidationError);
          return;
        }
        built++;
        for (const [name, text] of [
          [`rows_${queries.shape}`, queries.rows.toSQL().sql],
          [`counts_${queries.shape}`, queries.counts.toSQL().sql],
        ] as const) {
          const known = textByName.get(name);
          if (known === undefined) textByName.set(name, text);
          else expect(text).toBe(known);
        }
      }),
      { numRuns: 3_000 },
    );
    expect(built).toBeGreaterThan(500);
    expect(textByName.size).toBeGreaterThan(20);
  });
});
