// Booking conflicts, the store: two stays of one listing, from two of its feeds, sharing nights not yet passed. One
// open conflict per pair of stays; opened and resolved by the detection statement, dismissed by support. It imports no
// area but audit; ../alerting decides when to detect and whom to tell.
export { detectConflicts, type OpenedConflict } from "./detect-conflicts";
export { closeConflictsOfFeed } from "./close-conflicts-of-feed";
export { closeConflictsOfListing, LISTING_WITHDRAWN_RESOLUTION } from "./close-conflicts-of-listing";
export { dismissConflict, DismissReason } from "./dismiss-conflict";
export { confirmConflicts } from "./confirm-conflicts";
// The double-booking rule, as SQL: the detection applies it, and the sync engine's import statement reads it to tell
// whether an import may have changed a conflict (only then does it hand the import to the detection).
export {
  conflictCertaintySql,
  platformStaysSql,
  sharedFirstNightSql,
  sharedLastNightSql,
  stayNightsSql,
} from "./stay-overlap-sql";
