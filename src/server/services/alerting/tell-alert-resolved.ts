import { eq } from "drizzle-orm";
import { getConfig } from "../../config";
import { listings, type CalendarSyncAlert } from "../../db/schema";
import type { ServiceContext } from "../../service-context";
import { queueAlertResolvedEmail } from "../notifications/send-escalation-email";
import type { AlertResolvedEmailFacts } from "../notifications/alert-resolved-email";

// The recovery note of a sync run right after the host saved a new link (calendar/feeds/manage-feeds.ts).
const HOST_LINK_NOTE = "lien remplacé par l'hôte";

/**
 * An escalated alert that resolved tells the escalation's recipients, once, in the escalation e-mail's thread: how
 * (by hand, by recovery, by the host's new link) and by whom. An alert that never escalated e-mailed nobody, and
 * says nothing now. In the resolution's transaction.
 */
export async function tellAlertResolved(
  ctx: ServiceContext,
  input: {
    alert: Pick<
      CalendarSyncAlert,
      "id" | "listingId" | "escalatedAt" | "failedAttempts" | "resolvedAt" | "resolutionNote" | "resolvedAutomatically"
    >;
    by: string | null;
    listingTitle?: string;
  },
): Promise<boolean> {
  const { alert } = input;
  if (!alert.escalatedAt || !alert.resolvedAt) return false;
  let title = input.listingTitle;
  if (title === undefined) {
    const [listing] = await ctx.db
      .select({ title: listings.title })
      .from(listings)
      .where(eq(listings.id, alert.listingId))
      .limit(1);
    title = listing?.title ?? alert.listingId;
  }
  const how: AlertResolvedEmailFacts["how"] = !alert.resolvedAutomatically
    ? "by-hand"
    : alert.resolutionNote === HOST_LINK_NOTE
      ? "host-link"
      : "recovery";
  return queueAlertResolvedEmail(ctx, {
    supportEmail: getConfig().mail.supportEmail,
    alert: {
      id: alert.id,
      listing: { id: alert.listingId, title },
      how,
      by: input.by,
      note: how === "by-hand" ? alert.resolutionNote : null,
      failedAttempts: alert.failedAttempts,
      escalatedAt: alert.escalatedAt.toISOString(),
      resolvedAt: alert.resolvedAt.toISOString(),
    },
  });
}
