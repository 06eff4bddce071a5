import { DEFAULT_LOCALE } from "../../../../i18n/locales";
import { desc, eq, sql } from "drizzle-orm";
import { notificationChannels, type NotificationChannel } from "../../../db/schema";
import { inTransaction, type ServiceContext } from "../../../service-context";
import { authorizeViewer } from "../../../actor";
import { getConfig } from "../../../config";
import { NotFoundError, sayError, UnprocessableError, ValidationError, words } from "../../../errors";
import { isEntityId } from "../../../validation";
import { maskFeedUrl } from "../../../shared/mask-url";
import { recordAudit } from "../../audit/audit.service";
import { CreateChannelInput, UpdateChannelInput } from "./channel-input";
import { channelUrlRefusal } from "./channel-url";
import { newWebhookSecret, sealChannelSecret } from "./channel-secrets";
import { toChannelDto, type ChannelDTO } from "./channel-dto";

const ADMIN_ONLY = ["admin"] as const;
/** After a rotation the previous secret signs too, for this long: receivers have a day to take the new one. */
export const PREVIOUS_SECRET_HOURS = 24;

function parsed<T>(
  schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: unknown[] } } },
  input: unknown,
): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(words("badChannel"), result.error.issues);
  return result.data;
}

function protectedUrl(url: string) {
  const refusal = channelUrlRefusal(url, getConfig().fetch.allowHosts);
  if (refusal) throw new UnprocessableError(refusal, [{ path: ["url"], message: sayError(refusal, DEFAULT_LOCALE) }]);
  return { urlCiphertext: sealChannelSecret(url), urlMasked: maskFeedUrl(url) };
}

// Only what the audit log may hold: never a URL or a secret.
const auditedFields = (input: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(input).filter(([key]) => key !== "url" && key !== "rotateSecret"));

export async function listChannels(ctx: ServiceContext): Promise<ChannelDTO[]> {
  authorizeViewer(ctx.actor, ADMIN_ONLY);
  const rows = await ctx.db
    .select()
    .from(notificationChannels)
    .orderBy(desc(notificationChannels.createdAt), desc(notificationChannels.id))
    .limit(200);
  return rows.map(toChannelDto);
}

/** The admins' banner: channels failing now (names and since when), for an admin; nothing for anyone else. */
export async function listFailingChannels(
  ctx: ServiceContext,
): Promise<Array<{ id: string; name: string; failingSince: string }>> {
  if (ctx.actor.role !== "admin") return [];
  const rows = await ctx.db
    .select({
      id: notificationChannels.id,
      name: notificationChannels.name,
      failingSince: notificationChannels.failingSince,
    })
    .from(notificationChannels)
    .where(sql`${notificationChannels.failingSince} is not null and ${notificationChannels.disabledAt} is null`)
    .limit(20);
  return rows.map((row) => ({ id: row.id, name: row.name, failingSince: row.failingSince!.toISOString() }));
}

async function channelOrThrow(ctx: ServiceContext, channelId: string, lock = false): Promise<NotificationChannel> {
  if (!isEntityId(channelId)) throw new NotFoundError("Canal", channelId);
  const query = ctx.db.select().from(notificationChannels).where(eq(notificationChannels.id, channelId)).limit(1);
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("Canal", channelId);
  return row;
}

export async function getChannel(ctx: ServiceContext, channelId: string): Promise<ChannelDTO> {
  authorizeViewer(ctx.actor, ADMIN_ONLY);
  return toChannelDto(await channelOrThrow(ctx, channelId));
}

/** Creates a channel. A webhook's secret is generated here and returned this once: only its ciphertext is kept. */
export async function createChannel(
  ctx: ServiceContext,
  input: CreateChannelInput,
): Promise<ChannelDTO & { secret?: string }> {
  const viewer = authorizeViewer(ctx.actor, ADMIN_ONLY);
  const data = parsed(CreateChannelInput, input);
  const secret = data.type === "webhook" ? newWebhookSecret() : undefined;
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(notificationChannels)
      .values({
        type: data.type,
        name: data.name,
        addresses: data.addresses ?? [],
        ...(data.url ? protectedUrl(data.url) : {}),
        secretCiphertext: secret ? sealChannelSecret(secret) : null,
        events: [...new Set(data.events)],
        providers: data.providers ? [...new Set(data.providers)] : null,
        createdBy: viewer.id,
      })
      .returning();
    await recordAudit(tx, {
      action: "notification_channel.created",
      entityType: "notification_channel",
      entityId: row!.id,
      data: auditedFields(data),
    });
    return { ...toChannelDto(row!), ...(secret ? { secret } : {}) };
  });
}

/** Edits, enables or disables a channel, or rotates a webhook's secret (the new one returned once). */
export async function updateChannel(
  ctx: ServiceContext,
  input: UpdateChannelInput & { channelId: string },
): Promise<ChannelDTO & { secret?: string }> {
  authorizeViewer(ctx.actor, ADMIN_ONLY);
  const { channelId, ...patch } = input;
  const data = parsed(UpdateChannelInput, patch);
  return inTransaction(ctx, async (tx) => {
    const channel = await channelOrThrow(tx, channelId, true);
    if (data.addresses && channel.type !== "email")
      throw new UnprocessableError(words("onlyEmailAddresses"), [{ path: ["addresses"] }]);
    if (data.url && channel.type === "email")
      throw new UnprocessableError(words("emailChannelNoUrl"), [{ path: ["url"] }]);
    if (data.rotateSecret && channel.type !== "webhook")
      throw new UnprocessableError(words("onlyWebhookSecret"), [{ path: ["rotateSecret"] }]);
    const secret = data.rotateSecret ? newWebhookSecret() : undefined;
    const [row] = await tx.db
      .update(notificationChannels)
      .set({
        ...(data.name !== undefined ? { name: data.name } : {}),
        ...(data.url !== undefined ? protectedUrl(data.url) : {}),
        ...(data.addresses !== undefined ? { addresses: data.addresses } : {}),
        ...(data.events !== undefined ? { events: [...new Set(data.events)] } : {}),
        ...(data.providers !== undefined ? { providers: data.providers ? [...new Set(data.providers)] : null } : {}),
        ...(data.enabled === false && !channel.disabledAt ? { disabledAt: sql`now()`, disabledReason: "admin" } : {}),
        // Enabling starts afresh: the failures counted before are the receiver's past.
        ...(data.enabled === true
          ? { disabledAt: null, disabledReason: null, consecutiveFailures: 0, failingSince: null }
          : {}),
        ...(secret
          ? {
              secretCiphertext: sealChannelSecret(secret),
              previousSecretCiphertext: channel.secretCiphertext,
              previousSecretUntil: sql`now() + make_interval(hours => ${PREVIOUS_SECRET_HOURS})`,
            }
          : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(notificationChannels.id, channelId))
      .returning();
    const action = data.rotateSecret
      ? "notification_channel.secret_rotated"
      : data.enabled === false
        ? "notification_channel.disabled"
        : data.enabled === true
          ? "notification_channel.enabled"
          : "notification_channel.updated";
    await recordAudit(tx, {
      action,
      entityType: "notification_channel",
      entityId: channelId,
      data: { ...auditedFields(data), ...(data.url ? { urlMasked: row!.urlMasked } : {}) },
    });
    return { ...toChannelDto(row!), ...(secret ? { secret } : {}) };
  });
}

/** Deletes a channel and its delivery log. */
export async function deleteChannel(ctx: ServiceContext, input: { channelId: string }): Promise<{ id: string }> {
  authorizeViewer(ctx.actor, ADMIN_ONLY);
  return inTransaction(ctx, async (tx) => {
    const channel = await channelOrThrow(tx, input.channelId, true);
    await tx.db.delete(notificationChannels).where(eq(notificationChannels.id, channel.id));
    await recordAudit(tx, {
      action: "notification_channel.deleted",
      entityType: "notification_channel",
      entityId: channel.id,
      data: { type: channel.type, name: channel.name },
    });
    return { id: channel.id };
  });
}
