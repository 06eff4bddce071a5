import { eq } from "drizzle-orm";
import { API_KEY_SCOPES, apiKeys } from "../server/db/schema";
import type { ServiceContext } from "../server/service-context";
import { createApiKey } from "../server/services/api-keys/api-keys.service";

export const DEMO_API_KEY_NAME = "Intégration démo";

/** The demo's integration key, made once with every scope: its key on the first start, null after (it is stored hashed). */
export async function seedDemoApiKey(ctx: ServiceContext): Promise<string | null> {
  const [existing] = await ctx.db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(eq(apiKeys.name, DEMO_API_KEY_NAME))
    .limit(1);
  if (existing) return null;
  return (await createApiKey(ctx, { name: DEMO_API_KEY_NAME, scopes: [...API_KEY_SCOPES] })).key;
}
