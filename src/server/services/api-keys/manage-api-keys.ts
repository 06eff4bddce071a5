import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { API_KEY_SCOPES, apiKeys, type ApiKey, type ApiKeyScope } from "../../db/schema";
import { userNameOf } from "../users/users.service";
import { authorizeViewer } from "../../actor";
import { ADMIN_ROLES } from "../../auth/roles";
import { ConflictError, NotFoundError, ValidationError, words } from "../../errors";
import { inTransaction, type ServiceContext } from "../../service-context";
import { lineText } from "../../validation";
import { recordAudit } from "../audit/audit.service";
import { displayPrefix, hashApiKey, newApiKey } from "./api-key-secret";

export const CreateApiKeyInput = z.object({
  name: lineText().pipe(z.string().trim().min(1, "Un nom est requis.").max(80, "80 caractères au plus.")),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, "Au moins une permission.").max(API_KEY_SCOPES.length),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>;

/** A key as admins see it: never the key, its prefix only. */
export interface ApiKeyDTO {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdBy: string | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  lastUsedFrom: string | null;
  revokedAt: string | null;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

function toApiKeyDto(key: ApiKey, createdBy: string | null): ApiKeyDTO {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    createdBy,
    createdAt: key.createdAt.toISOString(),
    expiresAt: iso(key.expiresAt),
    lastUsedAt: iso(key.lastUsedAt),
    lastUsedFrom: key.lastUsedFrom,
    revokedAt: iso(key.revokedAt),
  };
}

/** An admin (or `npm run api-key:create`) makes a key: the key is in this answer and nowhere else, ever. */
export async function createApiKey(
  ctx: ServiceContext,
  input: CreateApiKeyInput,
): Promise<ApiKeyDTO & { key: string }> {
  const creator =
    ctx.actor.role === "system" && ctx.actor.name === "cli" ? null : authorizeViewer(ctx.actor, ADMIN_ROLES);
  const parsed = CreateApiKeyInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(words("badApiKey"), parsed.error.issues);
  const { name, scopes, expiresAt } = parsed.data;
  if (expiresAt && Date.parse(expiresAt) <= Date.now())
    throw new ValidationError(words("expiryPassed"), [{ path: ["expiresAt"] }]);
  const key = newApiKey();
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(apiKeys)
      .values({
        name,
        prefix: displayPrefix(key),
        keyHash: hashApiKey(key),
        scopes: [...new Set(scopes)],
        createdBy: creator?.id ?? null,
        expiresAt: expiresAt ? new Date(expiresAt) : null,
      })
      .returning();
    await recordAudit(tx, {
      action: "api_key.created",
      entityType: "api_key",
      entityId: row!.id,
      data: { name, scopes: row!.scopes, prefix: row!.prefix },
    });
    return { ...toApiKeyDto(row!, creator?.name ?? null), key };
  });
}

/** Every key, newest first, for « Intégrations » (admins). */
export async function listApiKeys(ctx: ServiceContext): Promise<ApiKeyDTO[]> {
  authorizeViewer(ctx.actor, ADMIN_ROLES);
  const rows = await ctx.db
    .select({ key: apiKeys, createdBy: userNameOf(apiKeys.createdBy) })
    .from(apiKeys)
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((row) => toApiKeyDto(row.key, row.createdBy));
}

/** « Révoquer »: the key stops working at its next request. Once: a revoked key answers 409. */
export async function revokeApiKey(ctx: ServiceContext, input: { keyId: string }): Promise<ApiKeyDTO> {
  const admin = authorizeViewer(ctx.actor, ADMIN_ROLES);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(apiKeys)
      .set({ revokedAt: new Date(), revokedBy: admin.id })
      .where(and(eq(apiKeys.id, input.keyId), isNull(apiKeys.revokedAt)))
      .returning();
    if (!row) {
      const [existing] = await tx.db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, input.keyId));
      if (!existing) throw new NotFoundError("Clé API", input.keyId);
      throw new ConflictError(words("keyRevoked"));
    }
    await recordAudit(tx, {
      action: "api_key.revoked",
      entityType: "api_key",
      entityId: row.id,
      data: { name: row.name, prefix: row.prefix },
    });
    return toApiKeyDto(row, null);
  });
}
