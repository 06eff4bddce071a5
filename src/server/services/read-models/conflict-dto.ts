import type { BookingConflict, ConflictCertainty, ConflictStatus } from "../../db/schema";
import type { StayKind } from "../../shared/stay-kinds";

/** A stay of a conflict: its platform, kind and dates. Never its summary (a guest's name) or a reservation link. */
export interface ConflictStayDTO {
  feedId: string;
  provider: string;
  kind: StayKind;
  startsAt: string;
  endsAt: string;
}

export interface ConflictDTO {
  id: string;
  listingId: string;
  listingTitle: string;
  certainty: ConflictCertainty;
  firstNight: string;
  lastNight: string;
  nights: number;
  status: ConflictStatus;
  detectedAt: string;
  resolvedAt: string | null;
  resolution: string | null;
  /** Opened by the first successful sync of a feed after this many hours of failures. */
  arrivedAfterHours: number | null;
  stays: [ConflictStayDTO, ConflictStayDTO];
}

export function toConflictDto(conflict: BookingConflict, listingTitle: string): ConflictDTO {
  return {
    id: conflict.id,
    listingId: conflict.listingId,
    listingTitle,
    certainty: conflict.certainty,
    firstNight: conflict.firstNight,
    lastNight: conflict.lastNight,
    nights: conflict.nights,
    status: conflict.status,
    detectedAt: conflict.detectedAt.toISOString(),
    resolvedAt: conflict.resolvedAt?.toISOString() ?? null,
    resolution: conflict.resolution,
    arrivedAfterHours: conflict.arrivedAfterHours,
    stays: [
      {
        feedId: conflict.feedAId,
        provider: conflict.providerA,
        kind: conflict.kindA,
        startsAt: conflict.startsAtA.toISOString(),
        endsAt: conflict.endsAtA.toISOString(),
      },
      {
        feedId: conflict.feedBId,
        provider: conflict.providerB,
        kind: conflict.kindB,
        startsAt: conflict.startsAtB.toISOString(),
        endsAt: conflict.endsAtB.toISOString(),
      },
    ],
  };
}
