/**
 * The platform's own reservations, as the double-booking rule sees them: stays of one more « feed » of every listing,
 * that is never fetched. A conflict's side names it by this id and label (booking_conflicts.feed_*_id, provider_*).
 */
export const PLATFORM_FEED_ID = "plateforme";
export const PLATFORM_PROVIDER = "la plateforme";
