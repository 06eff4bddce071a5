import { sql } from "drizzle-orm";
import { authorizeIntegration } from "../../actor";
import { queryRows } from "../../db/query-rows";
import { textList } from "../../db/text-list";
import { ConflictError, isUniqueViolation, UnprocessableError, type AppError } from "../../errors";
import { inTransaction, type ServiceContext, type TransactionContext } from "../../service-context";
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

const unprocessable = (message: string, path?: string): ItemError => ({ status: 422, code: "UNPROCESSABLE", message, path });
const conflict = (message: string, path?: string): ItemError => ({ status: 409, code: "CONFLICT", message, path });

/** Validates every item and refuses those the batch itself contradicts (an id twice, a host described twice). */
type Validated = { item: ListingItem } | { error: ItemError; externalId: string | null };

function validate(items: readonly unknown[]): Validated[] {
  const parsed = items.map((raw): Validated => {
    const result = ListingItem.safeParse(raw);
    if (result.success) return { item: result.data };
    const issue = result.error.issues[0]!;
    const externalId = typeof (raw as { externalId?: unknown })?.externalId === "string" ? (raw as { externalId: string }).externalId : null;
    return { error: unprocessable(issue.message, issue.path.join(".")), externalId };
  });
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
    if (count.get(externalId)! > 1) return { error: conflict(`L'annonce ${externalId} figure plusieurs fois dans ce lot : envoyez-la une fois.`, "externalId"), externalId };
    if (hostOf.get(host.externalId) !== `${host.email}\u0000${host.name}`)
      return { error: conflict(`L'hôte ${host.externalId} est décrit différemment par deux annonces de ce lot.`, "host"), externalId };
    if (emailOwner.get(host.email) !== host.externalId)
      return { error: conflict(`L'adresse ${host.email} est donnée à deux hôtes différents dans ce lot.`, "host.email"), externalId };
    return entry;
  });
}

async function readExisting(tx: TransactionContext, items: ListingItem[]) {
  const hostIds = [...new Set(items.map((item) => item.host.externalId))];
  const emails = [...new Set(items.map((item) => item.host.email))];
  const [users, listings] = await Promise.all([
    queryRows<ExistingUser & Record<string, unknown>>(
      tx.db,
      sql`select id, external_id, email, name, role from users
          where external_id = any(${textList(hostIds)}) or lower(email) = any(${textList(emails)})`,
    ),
    queryRows<ExistingListing & Record<string, unknown>>(
      tx.db,
      sql`select id, external_id, title, city, time_zone, owner_id, archived_at is not null as archived from listings
          where external_id = any(${textList(items.map((item) => item.externalId))})`,
    ),
  ]);
  return { users, listings };
}

interface HostPlan {
  host: HostInput;
  /** Our user's id when it exists; null for a host to create. */
  userId: string | null;
  action: "create" | "update" | "adopt" | "keep";
  error?: ItemError;
}

/** What becomes of each host the chunk names: found by the platform's id, adopted by e-mail, or created. */
function planHosts(items: ListingItem[], users: ExistingUser[]): Map<string, HostPlan> {
  const byExternal = new Map(users.filter((user) => user.external_id !== null).map((user) => [user.external_id!, user]));
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
            ? conflict(`L'adresse ${host.email} est celle d'un compte du support : un hôte ne peut pas l'avoir.`, "host.email")
            : conflict(`L'adresse ${host.email} est déjà celle d'un autre hôte de la plateforme.`, "host.email"),
      };
    } else if (known) {
      plan = { host, userId: known.id, action: known.email.toLowerCase() === host.email && known.name === host.name ? "keep" : "update" };
      if (known.role !== "host") plan = { host, userId: null, action: "keep", error: conflict(`L'identifiant ${host.externalId} est celui d'un compte du support.`, "host.externalId") };
    } else if (holder) {
      // A host account made here before the platform plugged in (the same e-mail): it takes the platform's id.
      plan = { host, userId: holder.id, action: "adopt" };
    } else {
      plan = { host, userId: null, action: "create" };
    }
    plans.set(host.externalId, plan);
  }
  return plans;
}

async function writeHosts(tx: TransactionContext, plans: HostPlan[]): Promise<void> {
  const creates = plans.filter((plan) => plan.action === "create");
  if (creates.length > 0) {
    const rows = await queryRows<{ id: string; external_id: string }>(
      tx.db,
      sql`insert into users (id, email, name, role, external_id)
          select 'u' || replace(gen_random_uuid()::text, '-', ''), h.email, h.name, 'host', h.external_id
          from json_to_recordset(${JSON.stringify(creates.map((plan) => ({ email: plan.host.email, name: plan.host.name, external_id: plan.host.externalId })))}::json)
            as h(email text, name text, external_id text)
          returning id, external_id`,
    );
    const ids = new Map(rows.map((row) => [row.external_id, row.id]));
    for (const plan of creates) plan.userId = ids.get(plan.host.externalId)!;
  }
  const changes = plans.filter((plan) => plan.action === "update" || plan.action === "adopt");
  if (changes.length > 0) {
    await tx.db.execute(
      sql`update users u set email = h.email, name = h.name, external_id = h.external_id, updated_at = now()
          from json_to_recordset(${JSON.stringify(changes.map((plan) => ({ id: plan.userId, email: plan.host.email, name: plan.host.name, external_id: plan.host.externalId })))}::json)
            as h(id text, email text, name text, external_id text)
          where u.id = h.id and (u.email, u.name, u.external_id) is distinct from (h.email, h.name, h.external_id)`,
    );
  }
  const audited = [...creates, ...changes];
  if (audited.length > 0) {
    await writeAudit(
      tx,
      audited.map((plan) => ({
        action: plan.action === "create" ? "user.created" : "user.updated",
        entityType: "user",
        entityId: plan.userId!,
        data: { role: "host", externalId: plan.host.externalId, email: plan.host.email, ...(plan.action === "adopt" ? { adopted: true } : {}) },
      })),
    );
  }
}

interface AuditRow {
  action: string;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
}

/** The chunk's audit rows in one insert, as the acting key, admin or command line. */
async function writeAudit(tx: TransactionContext, rows: AuditRow[]): Promise<void> {
  const { actor } = tx;
  const byKey = actor.role === "api-key";
  await tx.db.execute(
    sql`insert into audit_logs (actor_id, api_key_id, action, entity_type, entity_id, data)
        select ${byKey ? null : actor.id}, ${byKey ? actor.id : null}, a.action, a.entity_type, a.entity_id, a.data
        from json_to_recordset(${JSON.stringify(rows.map((row) => ({ action: row.action, entity_type: row.entityType, entity_id: row.entityId, data: row.data })))}::json)
          as a(action text, entity_type text, entity_id text, data jsonb)`,
  );
}

const sameListing = (existing: ExistingListing, item: ListingItem, ownerId: string) =>
  !existing.archived && existing.title === item.title && existing.city === item.city && existing.time_zone === item.timeZone && existing.owner_id === ownerId;

/** One chunk, in one transaction: the hosts, then the listings that changed, their audit, the feeds of a restored listing. */
async function writeChunk(ctx: ServiceContext, items: Array<{ index: number; item: ListingItem }>): Promise<ListingItemOutcome[]> {
  return inTransaction(ctx, async (tx) => {
    const existing = await readExisting(tx, items.map((entry) => entry.item));
    const plans = planHosts(items.map((entry) => entry.item), existing.users);
    const listingsByExternal = new Map(existing.listings.map((listing) => [listing.external_id, listing]));
    const outcomes: ListingItemOutcome[] = [];
    const writable: Array<{ index: number; item: ListingItem; plan: HostPlan; before: ExistingListing | undefined }> = [];
    for (const { index, item } of items) {
      const plan = plans.get(item.host.externalId)!;
      const before = listingsByExternal.get(item.externalId);
      if (plan.error) outcomes.push({ index, externalId: item.externalId, result: "error", error: plan.error, ...(before ? { id: before.id } : {}) });
      else writable.push({ index, item, plan, before });
    }
    const usedPlans = [...new Set(writable.map((entry) => entry.plan))];
    await writeHosts(tx, usedPlans);
    const changed = writable.filter((entry) => !entry.before || !sameListing(entry.before, entry.item, entry.plan.userId!));
    for (const entry of writable) if (!changed.includes(entry)) outcomes.push({ index: entry.index, externalId: entry.item.externalId, result: "unchanged", id: entry.before!.id });
    if (changed.length > 0) {
      const rows = await queryRows<{ id: string; external_id: string; inserted: boolean; restored: boolean }>(
        tx.db,
        sql`with input as (
              select * from json_to_recordset(${JSON.stringify(changed.map(({ item, plan }) => ({ external_id: item.externalId, title: item.title, city: item.city, time_zone: item.timeZone, owner_id: plan.userId })))}::json)
                as i(external_id text, title text, city text, time_zone text, owner_id text)
            ), before as (
              select l.external_id, l.archived_at is not null as archived from listings l join input i on i.external_id = l.external_id
            )
            insert into listings as l (id, external_id, title, city, time_zone, owner_id)
            select 'l' || replace(gen_random_uuid()::text, '-', ''), i.external_id, i.title, i.city, i.time_zone, i.owner_id from input i
            on conflict (external_id) where external_id is not null do update set
              title = excluded.title, city = excluded.city, time_zone = excluded.time_zone, owner_id = excluded.owner_id, archived_at = null, updated_at = now()
            where (l.title, l.city, l.time_zone, l.owner_id, l.archived_at) is distinct from (excluded.title, excluded.city, excluded.time_zone, excluded.owner_id, null)
            returning l.id, l.external_id, (l.xmax = 0) as inserted,
              coalesce((select b.archived from before b where b.external_id = l.external_id), false) as restored`,
      );
      const written = new Map(rows.map((row) => [row.external_id, row]));
      const restored = rows.filter((row) => row.restored).map((row) => row.id);
      if (restored.length > 0) {
        // A listing the platform brings back: the feeds its archive stopped sync again at once (those paused by hand stay paused).
        await tx.db.execute(
          sql`update calendar_feeds set paused_at = null, pause_reason = null, next_sync_at = now(), updated_at = now()
              where listing_id = any(${textList(restored)}) and pause_reason = 'archived'`,
        );
      }
      const audit: AuditRow[] = [];
      for (const entry of changed) {
        const row = written.get(entry.item.externalId);
        // Another writer made the same change between our read and this statement: nothing was written here.
        if (!row) {
          outcomes.push({ index: entry.index, externalId: entry.item.externalId, result: "unchanged", ...(entry.before ? { id: entry.before.id } : {}) });
          continue;
        }
        outcomes.push({ index: entry.index, externalId: entry.item.externalId, result: row.inserted ? "created" : "updated", id: row.id });
        audit.push({
          action: row.inserted ? "listing.created" : row.restored ? "listing.restored" : "listing.updated",
          entityType: "listing",
          entityId: row.id,
          data: { externalId: entry.item.externalId, title: entry.item.title, ...(entry.before && entry.before.owner_id !== entry.plan.userId ? { movedTo: entry.item.host.externalId } : {}) },
        });
      }
      if (audit.length > 0) await writeAudit(tx, audit);
    }
    return outcomes;
  });
}

/**
 * Creates or updates the platform's listings and their hosts by the platform's ids, CHUNK_SIZE per transaction. An
 * item that changes nothing writes nothing (no row, no audit entry). A host is a user of role host with no password
 * (an invitation lets them choose one); an existing host with the same e-mail and no platform id takes the id. A
 * listing whose host id changes moves to that host; an archived one comes back. Each item gets its result.
 */
export async function upsertListings(ctx: ServiceContext, rawItems: readonly unknown[]): Promise<ListingItemOutcome[]> {
  authorizeIntegration(ctx.actor, "listings:write");
  const validated = validate(rawItems);
  const outcomes: ListingItemOutcome[] = [];
  const valid: Array<{ index: number; item: ListingItem }> = [];
  validated.forEach((entry, index) => {
    if ("item" in entry) valid.push({ index, item: entry.item });
    else outcomes.push({ index, externalId: entry.externalId, result: "error", error: entry.error });
  });
  for (let start = 0; start < valid.length; start += CHUNK_SIZE) {
    const chunk = valid.slice(start, start + CHUNK_SIZE);
    outcomes.push(...(await withRetryOnRace(() => writeChunk(ctx, chunk))));
  }
  return outcomes.sort((a, b) => a.index - b.index);
}

// Two writers creating the same host at once: the unique index refuses the second, which reads again and finds it.
async function withRetryOnRace<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const race = isUniqueViolation(error, "users_external_id_key") || isUniqueViolation(error, "users_email_lower_key") || isUniqueViolation(error, "listings_external_id_key");
      if (!race || attempt >= 3) throw error;
    }
  }
}

/** An item's error as the error a single-item route answers with (422 or 409). */
export function itemErrorAsThrown(error: ItemError): AppError {
  const details = error.path ? [{ path: error.path, message: error.message }] : undefined;
  return error.status === 409 ? new ConflictError(error.message, details) : new UnprocessableError(error.message, details);
}

/** PUT /api/v1/listings/{externalId}: one item of the batch, its error thrown (422, 409). */
export async function upsertListing(ctx: ServiceContext, input: { externalId: string; body: unknown }): Promise<ListingItemOutcome> {
  const body = input.body && typeof input.body === "object" && !Array.isArray(input.body) ? input.body : { body: input.body };
  const [outcome] = await upsertListings(ctx, [{ ...body, externalId: input.externalId }]);
  if (outcome!.error) throw itemErrorAsThrown(outcome!.error);
  return outcome!;
}
