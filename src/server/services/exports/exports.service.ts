// Export links, the other half of the sync: each listing's calendar as Airbnb, Booking.com, Vrbo or another reader
// reads it (`/ical/{token}.ics`), every read recorded, and the worker's look at links no longer read. It reports what
// it sees to the alerting policy (a link unread, a link read again); it owns export_links and export_reads.
export { listExportLinks, rotateExportLink, exportLinksOfListings, ensureExportLinks } from "./manage-export-links";
export type { ExportLinkDTO } from "./export-link-dto";
export type { ExportLinkState } from "./export-link-state";
export { serveExport, type ExportAnswer, type ExportRequest } from "./serve-export";
export { checkExportLinks, type ExportCheckResult } from "./check-export-links";
export { renderExportCalendar, exportEtag } from "./export-calendar";
export { readExportCalendar, type ExportCalendar, type ExportedStay } from "./read-export-calendar";
export { hashExportToken } from "./export-token";
export { reencryptExportTokens } from "./reencrypt-export-tokens";
