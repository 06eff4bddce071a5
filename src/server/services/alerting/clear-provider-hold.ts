import { withTransaction, type ServiceContext } from "../../db/transaction";
import { NotFoundError } from "../../errors";
import { authorizeViewer, type Viewer } from "../../auth/viewer";
import { recordAudit } from "../audit/record-audit";
import { clearProviderHold } from "../incidents/incidents.service";

/** « Lever l'attente »: an admin lifts a provider's Retry-After hold (audited); its feeds are claimed again at once. 404 when none. */
export async function clearProviderHoldByHand(viewer: Viewer | null, providerKey: string, ctx: ServiceContext): Promise<{ provider: string; hintsCleared: number }> {
  if (viewer) authorizeViewer(viewer, ["admin"]);
  return withTransaction(ctx, async (tx) => {
    const hintsCleared = await clearProviderHold(tx, providerKey);
    if (hintsCleared === 0) throw new NotFoundError("Attente fournisseur", providerKey);
    await recordAudit(tx, { actorId: viewer?.id ?? null, action: "provider_hold.cleared", entityType: "provider", entityId: providerKey, data: { hintsCleared, by: viewer ? "admin" : "cli" } });
    return { provider: providerKey, hintsCleared };
  });
}
