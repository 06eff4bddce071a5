// The platform plugs in (the integration API, `npm run listings:import`): its listings and hosts by its own ids, their
// feeds, its own reservations in the double-booking check, withdrawals. It hands feeds to calendar, outcomes to
// alerting; nothing imports it back.
export {
  upsertListings,
  upsertListing,
  CHUNK_SIZE,
  type ListingItemOutcome,
  type ItemResult,
  type ItemError,
} from "./upsert-listings";
export { ListingBody, ListingItem, HostInput, ExternalId, MAX_BATCH_ITEMS, isKnownTimeZone } from "./listing-input";
export { archiveListing } from "./archive-listing";
export { addPlatformFeed, updatePlatformFeed, removePlatformFeed, UpdateFeedBody } from "./platform-feeds";
export { pauseFeed, resumeFeed } from "../calendar/calendar.service";
export { upsertReservations, upsertReservation, type ReservationItemOutcome } from "./upsert-reservations";
export { ReservationBody, ReservationItem } from "./reservation-input";
export { listPlatformExportLinks } from "./platform-export-links";
