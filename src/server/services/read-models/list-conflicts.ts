import { and, asc, desc, eq, gt, gte, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { executeNamed } from "../../db/prepared-statement";
import { z } from "zod";
import { bookingConflicts, CONFLICT_CERTAINTIES, listings } from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import type { Database } from "../../db/database";
import { authorizeReader, authorizeViewer } from "../../actor";
import { BACK_OFFICE_ROLES } from "../../auth/roles";
import { ValidationError, words } from "../../errors";
import { isCalendarDay, isEntityId } from "../../validation";
import { toConflictDto, type ConflictDTO } from "./conflict-dto";

const Night = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "date AAAA-MM-JJ attendue")
  .refine(isCalendarDay, "date inexistante");

export const ListConflictsInput = z.object({
  status: z
    .enum(["open", "resolved", "dismissed", "all"], { error: "« status » vaut open, resolved, dismissed ou all." })
    .default("open"),
  listingId: z.string().refine(isEntityId, "identifiant d'annonce invalide").optional(),
  certainty: z.enum(CONFLICT_CERTAINTIES, { error: "« certainty » vaut certain ou probable." }).optional(),
  /** Conflicts with a night in common within the period. */
  from: Night.optional(),
  to: Night.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListConflictsInput = z.input<typeof ListConflictsInput>;

// Open conflicts come by their first night, the soonest first (the harm nearest); the history newest first.
const OpenCursor = z.object({ o: z.literal("night"), n: Night, id: z.string().refine(isEntityId) });
const RecentCursor = z.object({
  o: z.literal("recent"),
  t: z
    .string()
    .max(40)
    .refine((value) => !Number.isNaN(Date.parse(value))),
  id: z.string().refine(isEntityId),
});
const Cursor = z.discriminatedUnion("o", [OpenCursor, RecentCursor]);
type Cursor = z.infer<typeof Cursor>;

function decode(raw: string, order: Cursor["o"]): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  const cursor = Cursor.safeParse(parsed);
  if (!cursor.success || cursor.data.o !== order)
    throw new ValidationError(words("badCursor"), [{ path: "cursor", message: "curseur illisible ou d'un autre tri" }]);
  return cursor.data;
}
const encode = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");

export interface ConflictPage {
  data: ConflictDTO[];
  meta: { nextCursor: string | null; limit: number };
}

/** The page's query, built from validated filters: one place for listConflicts and the benchmark's plans. */
export function buildConflictListQuery(db: Database, input: ListConflictsInput) {
  const parsed = ListConflictsInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(words("badFilters"), parsed.error.issues);
  const filters = parsed.data;
  const order: Cursor["o"] = filters.status === "open" ? "night" : "recent";
  const cursor = filters.cursor ? decode(filters.cursor, order) : null;
  const c = bookingConflicts;
  const conditions: Array<SQL | undefined> = [
    filters.status === "all" ? undefined : eq(c.status, filters.status),
    filters.listingId ? eq(c.listingId, filters.listingId) : undefined,
    filters.certainty ? eq(c.certainty, filters.certainty) : undefined,
    filters.from ? gte(c.lastNight, filters.from) : undefined,
    filters.to ? lte(c.firstNight, filters.to) : undefined,
  ];
  if (cursor?.o === "night")
    conditions.push(or(gt(c.firstNight, cursor.n), and(eq(c.firstNight, cursor.n), gt(c.id, cursor.id))));
  if (cursor?.o === "recent")
    conditions.push(
      or(lt(c.detectedAt, new Date(cursor.t)), and(eq(c.detectedAt, new Date(cursor.t)), lt(c.id, cursor.id))),
    );
  const query = db
    .select({ conflict: c, listingTitle: listings.title })
    .from(c)
    .innerJoin(listings, eq(listings.id, c.listingId))
    .where(and(...conditions))
    .orderBy(...(order === "night" ? [asc(c.firstNight), asc(c.id)] : [desc(c.detectedAt), desc(c.id)]))
    .limit(filters.limit + 1);
  // The SQL text depends only on which filters are set: one statement name per shape.
  const shape = [filters.status, cursor?.o ?? "", ...conditions.map((condition) => (condition ? 1 : 0))].join(".");
  return { query, order, limit: filters.limit, shape };
}

/** Booking conflicts, filtered, a page at a time (keyset pagination: deep pages cost what the first does). */
export async function listConflicts(ctx: ServiceContext, input: ListConflictsInput): Promise<ConflictPage> {
  authorizeReader(ctx.actor, BACK_OFFICE_ROLES, "conflicts:read");
  const { query, order, limit, shape } = buildConflictListQuery(ctx.db, input);
  const rows = await executeNamed(ctx.db, `list_conflicts_${shape}`, query);
  const page = rows.slice(0, limit);
  const last = page.at(-1)?.conflict;
  const nextCursor =
    rows.length > limit && last
      ? encode(
          order === "night"
            ? { o: "night", n: last.firstNight, id: last.id }
            : { o: "recent", t: last.detectedAt.toISOString(), id: last.id },
        )
      : null;
  return { data: page.map((row) => toConflictDto(row.conflict, row.listingTitle)), meta: { nextCursor, limit } };
}

/** How many conflicts are open, for the dashboard's heading. */
export async function countOpenConflicts(ctx: ServiceContext): Promise<number> {
  authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  const [row] = await executeNamed(
    ctx.db,
    "count_open_conflicts",
    ctx.db
      .select({ count: sql<number>`count(*)::int` })
      .from(bookingConflicts)
      .where(eq(bookingConflicts.status, "open")),
  );
  return Number(row?.count ?? 0);
}

/** The listings that have had a conflict, for the list's filter: support picks a title, not an id. */
export async function listConflictListings(ctx: ServiceContext): Promise<Array<{ id: string; title: string }>> {
  authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  return ctx.db
    .selectDistinct({ id: listings.id, title: listings.title })
    .from(bookingConflicts)
    .innerJoin(listings, eq(listings.id, bookingConflicts.listingId))
    .orderBy(listings.title, listings.id)
    .limit(500);
}
