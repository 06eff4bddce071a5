// Booking conflicts, the store: two stays of one listing, from two of its feeds, sharing nights not yet passed. One
// open conflict per pair of stays; opened and resolved by the detection statement, dismissed by support. It imports no
// area but audit; ../alerting decides when to detect and whom to tell.
export { detectConflicts, type OpenedConflict } from "./detect-conflicts";
export { closeConflictsOfFeed } from "./close-conflicts-of-feed";
export { closeConflictsOfListing, LISTING_WITHDRAWN_RESOLUTION } from "./close-conflicts-of-listing";
export { dismissConflict, DismissReason } from "./dismiss-conflict";
