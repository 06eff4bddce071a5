import { sql } from "drizzle-orm";
import { z } from "zod";
import { authorizeViewer } from "../../actor";
import { queryRows } from "../../db/query-rows";
import { ValidationError, words } from "../../errors";
import type { ServiceContext } from "../../service-context";
import { text } from "../../validation";

export interface PlatformHostView {
  id: string;
  externalId: string;
  name: string;
  email: string;
  listings: number;
  /** active: has chosen a password; invited: a link is waiting; none: never invited (or the link lapsed). */
  state: "active" | "invited" | "none";
  invitationExpiresAt: string | null;
}

export const ListPlatformHostsInput = z.object({
  q: text().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** « Intégrations »: the hosts the platform brought in, those still without a password first, for « Inviter ». Admins only. */
export async function listPlatformHosts(
  ctx: ServiceContext,
  input: z.input<typeof ListPlatformHostsInput> = {},
): Promise<PlatformHostView[]> {
  authorizeViewer(ctx.actor, ["admin"]);
  const parsed = ListPlatformHostsInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(words("badFilters"), parsed.error.issues);
  const { q, limit } = parsed.data;
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await queryRows<{
    id: string;
    external_id: string;
    name: string;
    email: string;
    listings: number;
    has_password: boolean;
    expires_at: Date | string | null;
  }>(
    ctx.db,
    sql`select u.id, u.external_id, u.name, u.email, u.password_hash is not null as has_password,
          (select count(*)::int from listings l where l.owner_id = u.id and l.archived_at is null) as listings,
          (select max(i.expires_at) from account_invitations i where i.user_id = u.id and i.used_at is null and i.replaced_at is null and i.expires_at > now()) as expires_at
        from users u
        where u.role = 'host' and u.external_id is not null and u.disabled_at is null
          ${pattern ? sql`and (u.name ilike ${pattern} or u.email ilike ${pattern} or u.external_id = ${q})` : sql``}
        order by u.password_hash is not null, u.name, u.id
        limit ${limit}`,
  );
  return rows.map((row) => ({
    id: row.id,
    externalId: row.external_id,
    name: row.name,
    email: row.email,
    listings: Number(row.listings),
    state: row.has_password ? "active" : row.expires_at ? "invited" : "none",
    invitationExpiresAt: row.expires_at ? new Date(row.expires_at).toISOString() : null,
  }));
}
