import type { ExportLink } from "../../db/schema";

/** A link nobody has read this long after its creation is « jamais lu » (it never alerts). */
export const NEVER_READ_AFTER_MS = 24 * 3_600_000;

export type ExportLinkState = "waiting" | "never-read" | "read" | "stale";

/**
 * Where a link stands: not read yet (« en attente de première lecture »), never read a day after its creation
 * (« jamais lu »), read, or stale (read once, then unread for EXPORT_STALE_HOURS; the worker marked it).
 */
export function exportLinkState(
  link: Pick<ExportLink, "lastReadAt" | "staleSince" | "createdAt">,
  now: Date,
): ExportLinkState {
  if (link.staleSince) return "stale";
  if (link.lastReadAt) return "read";
  return now.getTime() - link.createdAt.getTime() >= NEVER_READ_AFTER_MS ? "never-read" : "waiting";
}
