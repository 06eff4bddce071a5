import { and, eq, isNull } from "drizzle-orm";
import type { ApiKeyActor } from "../../actor";
import { apiKeys, type ApiKeyScope } from "../../db/schema";
import { preparedStatement, runPrepared } from "../../db/prepared-statement";
import { TooSoonError, UnauthenticatedError, words } from "../../errors";
import { inTransaction, type ServiceContext } from "../../service-context";
import { recordAudit } from "../audit/audit.service";
import { API_KEY_PATTERN, hashApiKey } from "./api-key-secret";

/** Where the key stands in its minute, for the RateLimit headers of every answer. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the minute's count starts again. */
  resetSeconds: number;
}

// One round trip per request: the key (active, not expired), its minute's count (an upsert: concurrent requests
// serialise on the row, so the count is exact across app processes), and its last use, written at most once a minute
// or when the address changes.
const authenticateStatement = preparedStatement(
  "authenticate_api_key_v2",
  `with key as (
     select id, name, scopes, last_used_at from api_keys
     where key_hash = $1::text and revoked_at is null and (expires_at is null or expires_at > $2::timestamptz)
   ), counted as (
     insert into api_key_minutes (key_id, minute, requests)
     select id, date_trunc('minute', $2::timestamptz), 1 from key
     on conflict (key_id, minute) do update set requests = api_key_minutes.requests + 1
     returning requests
   ), used as (
     update api_keys k set last_used_at = $2::timestamptz, last_used_from = $3::text
     from key
     where k.id = key.id and key.last_used_at is not null
       and (key.last_used_at < $2::timestamptz - interval '1 minute' or k.last_used_from is distinct from $3::text)
     returning k.id
   )
   select key.id, key.name, key.scopes, key.last_used_at is null as "firstUse", (select requests from counted) as requests from key`,
);

type KeyRow = { id: string; name: string; scopes: ApiKeyScope[]; firstUse: boolean; requests: number | string };

/**
 * The key of a bearer request, as an actor, and its minute's count. Unknown, revoked or expired: 401. Past
 * `requestsPerMinute` in the current minute: 429 with the seconds left. The first use is audited, once.
 */
export async function authenticateApiKey(
  ctx: ServiceContext,
  input: { key: string; address: string | null; now: Date; requestsPerMinute: number },
): Promise<{ actor: ApiKeyActor; limits: RateLimitState }> {
  if (!API_KEY_PATTERN.test(input.key)) throw new UnauthenticatedError(words("apiKeyUnknown"));
  const [row] = await runPrepared<KeyRow>(ctx.db, authenticateStatement, [
    hashApiKey(input.key),
    input.now,
    input.address ?? "",
  ]);
  if (!row) throw new UnauthenticatedError(words("apiKeyUnknown"));
  const actor: ApiKeyActor = { id: row.id, role: "api-key", name: row.name, scopes: row.scopes };
  if (row.firstUse) await recordFirstUse({ db: ctx.db, actor }, { now: input.now, address: input.address });
  const requests = Number(row.requests);
  const resetSeconds = Math.max(1, 60 - input.now.getUTCSeconds());
  const limits = {
    limit: input.requestsPerMinute,
    remaining: Math.max(0, input.requestsPerMinute - requests),
    resetSeconds,
  };
  if (requests > input.requestsPerMinute) throw new RateLimitedError(limits);
  return { actor, limits };
}

/** Audited once however many first requests arrive together: the row is claimed by `last_used_at is null`. */
async function recordFirstUse(ctx: ServiceContext, input: { now: Date; address: string | null }): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const claimed = await tx.db
      .update(apiKeys)
      .set({ lastUsedAt: input.now, lastUsedFrom: input.address ?? "" })
      .where(and(eq(apiKeys.id, tx.actor.id!), isNull(apiKeys.lastUsedAt)))
      .returning({ id: apiKeys.id });
    if (claimed.length)
      await recordAudit(tx, {
        action: "api_key.first_used",
        entityType: "api_key",
        entityId: tx.actor.id!,
        data: { address: input.address },
      });
  });
}

/** 429 for a key past its requests of the minute, with what the RateLimit headers say. */
export class RateLimitedError extends TooSoonError {
  constructor(readonly limits: RateLimitState) {
    super(
      `Trop de requêtes pour cette clé API (${limits.limit} par minute). Réessayez dans ${limits.resetSeconds} s.`,
      limits.resetSeconds,
    );
  }
}
