import { and, asc, desc, eq, ne } from "drizzle-orm";
import {
  auditLogs,
  bookingConflicts,
  calendarFeeds,
  calendarSyncAlerts,
  listings,
  platformReservations,
  users,
} from "../../db/schema";
import { PLATFORM_FEED_ID } from "../../shared/platform-source";
import type { ServiceContext } from "../../service-context";
import { authorizeViewer, localeOf } from "../../actor";
import { BACK_OFFICE_ROLES } from "../../auth/roles";
import { NotFoundError } from "../../errors";
import { isEntityId } from "../../validation";
import { toFeedDto, type CalendarFeedDTO } from "../calendar/calendar.service";
import { toConflictDto, type ConflictDTO } from "./conflict-dto";

export interface ConflictDetailDTO extends ConflictDTO {
  /** The listing's feeds (masked) and their health: a stale one is often how the two stays came to be. */
  feeds: CalendarFeedDTO[];
  /** The listing's open sync alert, if any. */
  alert: { id: string; status: string; failedAttempts: number } | null;
  dismissedBy: { id: string; name: string } | null;
  timeline: Array<{ action: string; at: string; actor: string | null; detail: string | null }>;
  /** The platform's own reservation when one side is it: its id and its guest's name (support only, never sent anywhere). */
  platformReservation: { reservationId: string; guestName: string | null; status: string } | null;
}

/** One conflict: the two stays side by side, the listing's feeds and open alert, and its timeline. */
export async function getConflictDetail(ctx: ServiceContext, conflictId: string): Promise<ConflictDetailDTO> {
  authorizeViewer(ctx.actor, BACK_OFFICE_ROLES);
  if (!isEntityId(conflictId)) throw new NotFoundError("Conflit", conflictId);
  const { db } = ctx;
  const [row] = await db
    .select({ conflict: bookingConflicts, listingTitle: listings.title, dismissedByName: users.name })
    .from(bookingConflicts)
    .innerJoin(listings, eq(listings.id, bookingConflicts.listingId))
    .leftJoin(users, eq(users.id, bookingConflicts.dismissedBy))
    .where(eq(bookingConflicts.id, conflictId))
    .limit(1);
  if (!row) throw new NotFoundError("Conflit", conflictId);
  const { conflict } = row;
  const platformSide =
    conflict.feedAId === PLATFORM_FEED_ID
      ? conflict.uidA
      : conflict.feedBId === PLATFORM_FEED_ID
        ? conflict.uidB
        : null;
  const [feeds, alerts, events, reservations] = await Promise.all([
    db
      .select()
      .from(calendarFeeds)
      .where(eq(calendarFeeds.listingId, conflict.listingId))
      .orderBy(asc(calendarFeeds.createdAt)),
    db
      .select({
        id: calendarSyncAlerts.id,
        status: calendarSyncAlerts.status,
        failedAttempts: calendarSyncAlerts.failedAttempts,
      })
      .from(calendarSyncAlerts)
      .where(and(eq(calendarSyncAlerts.listingId, conflict.listingId), ne(calendarSyncAlerts.status, "resolved")))
      .limit(1),
    db
      .select({ action: auditLogs.action, at: auditLogs.createdAt, actor: users.name, data: auditLogs.data })
      .from(auditLogs)
      .leftJoin(users, eq(users.id, auditLogs.actorId))
      .where(and(eq(auditLogs.entityType, "booking_conflict"), eq(auditLogs.entityId, conflictId)))
      .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id))
      .limit(50),
    platformSide === null
      ? Promise.resolve([])
      : db
          .select({
            reservationId: platformReservations.externalId,
            guestName: platformReservations.guestName,
            status: platformReservations.status,
          })
          .from(platformReservations)
          .where(
            and(
              eq(platformReservations.listingId, conflict.listingId),
              eq(platformReservations.externalId, platformSide),
            ),
          )
          .limit(1),
  ]);
  return {
    ...toConflictDto(conflict, row.listingTitle),
    feeds: feeds.map((feed) => toFeedDto(feed, localeOf(ctx.actor))),
    alert: alerts[0] ?? null,
    platformReservation: reservations[0] ?? null,
    dismissedBy:
      conflict.dismissedBy && row.dismissedByName ? { id: conflict.dismissedBy, name: row.dismissedByName } : null,
    timeline: events.map((event) => {
      const data = (event.data ?? {}) as Record<string, unknown>;
      const detail =
        typeof data.reason === "string" ? data.reason : typeof data.resolution === "string" ? data.resolution : null;
      return {
        // The audit action's code (booking_conflict.opened…): the page says it in the reader's language.
        action: event.action,
        at: event.at.toISOString(),
        actor: event.actor,
        detail,
      };
    }),
  };
}
