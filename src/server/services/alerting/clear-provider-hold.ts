import { inTransaction, type ServiceContext } from "../../service-context";
import { NotFoundError } from "../../errors";
import { authorizeViewer } from "../../actor";
import { recordAudit } from "../audit/audit.service";
import { clearProviderHold } from "../incidents/incidents.service";

/** « Lever l'attente »: an admin lifts a provider's Retry-After hold (audited); its feeds are claimed again at once. 404 when none. */
export async function clearProviderHoldByHand(
  ctx: ServiceContext,
  providerKey: string,
): Promise<{ provider: string; hintsCleared: number }> {
  // An admin, or an operator at the command line (`npm run provider:holds -- --clear`), acting as the system.
  const byCli = ctx.actor.role === "system" && ctx.actor.name === "cli";
  if (!byCli) authorizeViewer(ctx.actor, ["admin"]);
  return inTransaction(ctx, async (tx) => {
    const hintsCleared = await clearProviderHold(tx, providerKey);
    if (hintsCleared === 0) throw new NotFoundError("Attente fournisseur", providerKey);
    await recordAudit(tx, {
      action: "provider_hold.cleared",
      entityType: "provider",
      entityId: providerKey,
      data: { hintsCleared, by: byCli ? "cli" : "admin" },
    });
    return { provider: providerKey, hintsCleared };
  });
}
