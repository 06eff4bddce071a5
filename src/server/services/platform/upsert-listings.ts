import { AUDIT_INSERT } from "../audit/audit.service";
import { hostsMatchingJson, HOST_UPSERT_CTES } from "../users/users.service";
import {
  LISTING_UPSERT_CTES,
  listingsByExternalIdsJson,
  RESUME_RESTORED_FEEDS_CTE,
} from "../calendar/calendar.service";
import { sql } from "drizzle-orm";
import { authorizeIntegration } from "../../actor";
import { queryRows } from "../../db/query-rows";
import { ConflictError, isUniqueViolation, UnprocessableError, type AppError } from "../../errors";
import type { ServiceContext } from "../../service-context";
import { newId } from "../../db/new-id";
import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import { ListingItem, type HostInput } from "./listing-input";

export type ItemResult = "created" | "updated" | "unchanged" | "error";

export interface ItemError {
  /** 422: the item is malformed; 409: it contradicts an account or another item. */
  status: 409 | 422;
  code: "UNPROCESSABLE" | "CONFLICT";
  message: string;
  path?: string;
}

export interface ListingItemOutcome {
  index: number;
  externalId: string | null;
  result: ItemResult;
  /** Our listing's id, when it exists. */
  id?: string;
  error?: ItemError;
}

/** Items written in one transaction: a failed chunk loses at most this many, and a lock is held this long. */
export const CHUNK_SIZE = 100;

interface ExistingUser {
  id: string;
  external_id: string | null;
  email: string;
  name: string;
  role: string;
  locale: string;
}

interface ExistingListing {
  id: string;
  external_id: string;
  title: string;
  city: string;
  time_zone: string;
  owner_id: string;
  archived: boolean;
}

const unprocessable = (message: string, path?: string): ItemError => ({
  status: 422,
  code: "UNPROCESSABLE",
  message,
  path,
});
const conflict = (message: string, path?: string): ItemError => ({ status: 409, code: "CONFLICT", message, path });

/** Validates every item and refuses those the batch itself contradicts (an id twice, a host described twice). */
type Validated = { item: ListingItem } | { error: ItemError; externalId: string | null };

// Validating a thousand items holds the event loop for milliseconds: the app's other requests get a turn every slice.
const VALIDATION_SLICE = 100;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function validate(items: readonly unknown[]): Promise<Validated[]> {
  const parsed: Validated[] = [];
  for (let start = 0; start < items.length; start += VALIDATION_SLICE) {
    if (start > 0) await nextTurn();
    parsed.push(...items.slice(start, start + VALIDATION_SLICE).map(parseItem));
  }
  return crossCheck(parsed);
}

function parseItem(raw: unknown): Validated {
  const result = ListingItem.safeParse(raw);
  if (result.success) return { item: result.data };
  const issue = result.error.issues[0]!;
  const externalId =
    typeof (raw as { externalId?: unknown })?.externalId === "string"
      ? (raw as { externalId: string }).externalId
      : null;
  return { error: unprocessable(issue.message, issue.path.join(".")), externalId };
}

function crossCheck(parsed: Validated[]): Validated[] {
  const count = new Map<string, number>();
  const hostOf = new Map<string, string>();
  const emailOwner = new Map<string, string>();
  for (const entry of parsed) {
    if (!("item" in entry)) continue;
    const { externalId, host } = entry.item;
    count.set(externalId, (count.get(externalId) ?? 0) + 1);
    const described = `${host.email}\u0000${host.name}`;
    if (!hostOf.has(host.externalId)) hostOf.set(host.externalId, described);
    if (!emailOwner.has(host.email)) emailOwner.set(host.email, host.externalId);
  }
  return parsed.map((entry): Validated => {
    if (!("item" in entry)) return entry;
    const { externalId, host } = entry.item;
    if (count.get(externalId)! > 1)
      return {
        error: conflict(
          `L'annonce ${externalId} figure plusieurs fois dans ce lot : envoyez-la une fois.`,
          "externalId",
        ),
        externalId,
      };
    if (hostOf.get(host.externalId) !== `${host.email}\u0000${host.name}`)
      return {
        error: conflict(`L'hôte ${host.externalId} est décrit différemment par deux annonces de ce lot.`, "host"),
        externalId,
      };
    if (emailOwner.get(host.email) !== host.externalId)
      return {
        error: conflict(`L'adresse ${host.email} est donnée à deux hôtes différents dans ce lot.`, "host.email"),
        externalId,
      };
    return entry;
  });
}

/** What the database holds of the batch's hosts and listings, in one statement (read once for the whole batch). */
async function readExisting(
  ctx: ServiceContext,
  items: ListingItem[],
): Promise<{ users: ExistingUser[]; listings: ExistingListing[] }> {
  const hostIds = [...new Set(items.map((item) => item.host.externalId))];
  const emails = [...new Set(items.map((item) => item.host.email))];
  const [row] = await queryRows<{ users: ExistingUser[] | null; listings: ExistingListing[] | null }>(
    ctx.db,
    sql`select ${hostsMatchingJson(hostIds, emails)} as users, ${listingsByExternalIdsJson(items.map((item) => item.externalId))} as listings`,
  );
  return { users: row?.users ?? [], listings: row?.listings ?? [] };
}

interface HostPlan {
  host: HostInput;
  /** Our user's id: an existing account's, or the one a new host is created with. */
  userId: string | null;
  action: "create" | "update" | "adopt" | "keep";
  /** Written by the first chunk that holds one of its listings. */
  written?: boolean;
  error?: ItemError;
}

/** What becomes of each host the batch names: found by the platform's id, adopted by e-mail, or created. */
function planHosts(items: ListingItem[], users: ExistingUser[]): Map<string, HostPlan> {
  const byExternal = new Map(
    users.filter((user) => user.external_id !== null).map((user) => [user.external_id!, user]),
  );
  const byEmail = new Map(users.map((user) => [user.email.toLowerCase(), user]));
  const plans = new Map<string, HostPlan>();
  for (const { host } of items) {
    if (plans.has(host.externalId)) continue;
    const known = byExternal.get(host.externalId);
    const holder = byEmail.get(host.email);
    let plan: HostPlan;
    if (holder && holder.id !== known?.id && (holder.role !== "host" || holder.external_id !== null || known)) {
      plan = {
        host,
        userId: null,
        action: "keep",
        error:
          holder.role !== "host"
            ? conflict(
                `L'adresse ${host.email} est celle d'un compte du support : un hôte ne peut pas l'avoir.`,
                "host.email",
              )
            : conflict(`L'adresse ${host.email} est déjà celle d'un autre hôte de la plateforme.`, "host.email"),
      };
    } else if (known) {
      plan = {
        host,
        userId: known.id,
        action:
          known.email.toLowerCase() === host.email &&
          known.name === host.name &&
          (host.locale === undefined || known.locale === host.locale)
            ? "keep"
            : "update",
      };
      if (known.role !== "host")
        plan = {
          host,
          userId: null,
          action: "keep",
          error: conflict(`L'identifiant ${host.externalId} est celui d'un compte du support.`, "host.externalId"),
        };
    } else if (holder) {
      // A host account made here before the platform plugged in (the same e-mail): it takes the platform's id.
      plan = { host, userId: holder.id, action: "adopt" };
    } else {
      plan = { host, userId: newId(), action: "create" };
    }
    plans.set(host.externalId, plan);
  }
  return plans;
}

const sameListing = (existing: ExistingListing, item: ListingItem, ownerId: string) =>
  !existing.archived &&
  existing.title === item.title &&
  existing.city === item.city &&
  existing.time_zone === item.timeZone &&
  existing.owner_id === ownerId;

interface Writable {
  index: number;
  item: ListingItem;
  plan: HostPlan;
  before: ExistingListing | undefined;
}

// Written once (prepared per connection on PostgreSQL): planning this statement was a good part of a chunk's time.
// $1 the chunk's new or changed hosts, $2 its listings (JSON), $3 the acting user, $4 the acting key.
const writeChunkStatement = preparedStatement(
  "upsert_platform_listings_v2",
  `with host_in as (
          select * from json_to_recordset($1::json)
            as h(id text, email text, name text, external_id text, locale text, action text)
        ), ${HOST_UPSERT_CTES}, input as (
          select * from json_to_recordset($2::json) as i(external_id text, title text, city text, time_zone text, owner_id text, host_external_id text, new_id text)
        ), ${LISTING_UPSERT_CTES}, described as (
          select w.id, w.external_id, w.inserted, coalesce(b.archived, false) as restored, b.owner_id is distinct from i.owner_id and b.owner_id is not null as moved,
            i.title, i.host_external_id
          from written w join input i on i.external_id = w.external_id left join before b on b.external_id = w.external_id
        ), ${RESUME_RESTORED_FEEDS_CTE}, audit as (
          ${AUDIT_INSERT}
          select $3::text, $4::text, a.action, a.entity_type, a.entity_id, a.data from (
            select 'user.created' as action, 'user' as entity_type, c.id as entity_id, jsonb_build_object('role', 'host', 'externalId', c.external_id, 'email', c.email) as data from created c
            union all
            select 'user.updated', 'user', h.id, jsonb_build_object('role', 'host', 'externalId', h.external_id, 'email', h.email) || case when h.action = 'adopt' then '{"adopted": true}'::jsonb else '{}'::jsonb end from changed_hosts h
            union all
            select case when d.inserted then 'listing.created' when d.restored then 'listing.restored' else 'listing.updated' end, 'listing', d.id,
              jsonb_build_object('externalId', d.external_id, 'title', d.title) || case when d.moved then jsonb_build_object('movedTo', d.host_external_id) else '{}'::jsonb end
            from described d
          ) a
        )
        select id, external_id, inserted, restored from described`,
);

/**
 * One chunk in one statement (so in one transaction): the hosts it introduces or changes, its listings' upsert (rows
 * the same as sent are left alone), the feeds of a listing brought back, and the audit rows of what was written.
 */
async function writeChunk(ctx: ServiceContext, chunk: Writable[]): Promise<ListingItemOutcome[]> {
  const hosts = [...new Set(chunk.map((entry) => entry.plan))].filter(
    (plan) => plan.action !== "keep" && !plan.written,
  );
  const { actor } = ctx;
  const byKey = actor.role === "api-key";
  const rows = await runPrepared<{ id: string; external_id: string; inserted: boolean; restored: boolean }>(
    ctx.db,
    writeChunkStatement,
    [
      JSON.stringify(
        hosts.map((plan) => ({
          id: plan.userId,
          email: plan.host.email,
          name: plan.host.name,
          external_id: plan.host.externalId,
          locale: plan.host.locale ?? null,
          action: plan.action,
        })),
      ),
      JSON.stringify(
        chunk.map(({ item, plan }) => ({
          external_id: item.externalId,
          title: item.title,
          city: item.city,
          time_zone: item.timeZone,
          owner_id: plan.userId,
          host_external_id: item.host.externalId,
          new_id: newId(),
        })),
      ),
      byKey ? null : actor.id,
      byKey ? actor.id : null,
    ],
  );
  const hostsWrittenHere = new Set(hosts);
  for (const plan of hosts) plan.written = true;
  const written = new Map(rows.map((row) => [row.external_id, row]));
  return chunk.map(({ index, item, before, plan }) => {
    const row = written.get(item.externalId);
    // The listing as sent already: updated when its host changed here, else another writer made the same change first.
    if (!row)
      return {
        index,
        externalId: item.externalId,
        result: hostsWrittenHere.has(plan) ? ("updated" as const) : ("unchanged" as const),
        ...(before ? { id: before.id } : {}),
      };
    return {
      index,
      externalId: item.externalId,
      result: row.inserted ? ("created" as const) : ("updated" as const),
      id: row.id,
    };
  });
}

async function upsertValid(
  ctx: ServiceContext,
  valid: Array<{ index: number; item: ListingItem }>,
): Promise<ListingItemOutcome[]> {
  const existing = await readExisting(
    ctx,
    valid.map((entry) => entry.item),
  );
  const plans = planHosts(
    valid.map((entry) => entry.item),
    existing.users,
  );
  const listingsByExternal = new Map(existing.listings.map((listing) => [listing.external_id, listing]));
  const outcomes: ListingItemOutcome[] = [];
  const changed: Writable[] = [];
  for (const { index, item } of valid) {
    const plan = plans.get(item.host.externalId)!;
    const before = listingsByExternal.get(item.externalId);
    if (plan.error)
      outcomes.push({
        index,
        externalId: item.externalId,
        result: "error",
        error: plan.error,
        ...(before ? { id: before.id } : {}),
      });
    else if (before && sameListing(before, item, plan.userId!) && plan.action === "keep")
      outcomes.push({ index, externalId: item.externalId, result: "unchanged", id: before.id });
    else changed.push({ index, item, plan, before });
  }
  for (let start = 0; start < changed.length; start += CHUNK_SIZE)
    outcomes.push(...(await writeChunk(ctx, changed.slice(start, start + CHUNK_SIZE))));
  return outcomes;
}

/**
 * Creates or updates the platform's listings and their hosts by the platform's ids: the batch read in one statement,
 * what changed written CHUNK_SIZE per statement (one transaction each). An item that changes nothing writes nothing
 * (no row, no audit entry). A host is a user of role host with no password
 * (an invitation lets them choose one); an existing host with the same e-mail and no platform id takes the id. A
 * listing whose host id changes moves to that host; an archived one comes back. Each item gets its result.
 */
export async function upsertListings(ctx: ServiceContext, rawItems: readonly unknown[]): Promise<ListingItemOutcome[]> {
  authorizeIntegration(ctx.actor, "listings:write");
  const validated = await validate(rawItems);
  const outcomes: ListingItemOutcome[] = [];
  const valid: Array<{ index: number; item: ListingItem }> = [];
  validated.forEach((entry, index) => {
    if ("item" in entry) valid.push({ index, item: entry.item });
    else outcomes.push({ index, externalId: entry.externalId, result: "error", error: entry.error });
  });
  if (valid.length > 0) outcomes.push(...(await withRetryOnRace(() => upsertValid(ctx, valid))));
  return outcomes.sort((a, b) => a.index - b.index);
}

// Two writers creating the same host at once: the unique index refuses the second, which reads again and finds it
// (the chunks written before are then read back as they are: unchanged).
async function withRetryOnRace<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const race =
        isUniqueViolation(error, "users_external_id_key") ||
        isUniqueViolation(error, "users_email_lower_key") ||
        isUniqueViolation(error, "listings_external_id_key");
      if (!race || attempt >= 3) throw error;
    }
  }
}

/** An item's error as the error a single-item route answers with (422 or 409). */
export function itemErrorAsThrown(error: ItemError): AppError {
  const details = error.path ? [{ path: error.path, message: error.message }] : undefined;
  return error.status === 409
    ? new ConflictError(error.message, details)
    : new UnprocessableError(error.message, details);
}

/** PUT /api/v1/listings/{externalId}: one item of the batch, its error thrown (422, 409). */
export async function upsertListing(
  ctx: ServiceContext,
  input: { externalId: string; body: unknown },
): Promise<ListingItemOutcome> {
  const body =
    input.body && typeof input.body === "object" && !Array.isArray(input.body) ? input.body : { body: input.body };
  const [outcome] = await upsertListings(ctx, [{ ...body, externalId: input.externalId }]);
  if (outcome!.error) throw itemErrorAsThrown(outcome!.error);
  return outcome!;
}
