// Calendar sync (the story 3.8 engine story 9.8 watches): one module per verb, gathered here.
export { syncFeed, getFeedOrThrow, type SyncFeedResult, type SyncFeedOptions } from "./sync/sync-feed";
export { syncFeedNow } from "./sync/sync-feed-now";
export { claimDueFeeds, claimFeed, releaseFeed } from "./sync/feed-lease";
export {
  addCalendarFeed,
  listListingFeeds,
  removeCalendarFeed,
  replaceFeedLink,
  syncFeedNowForHost,
  parseFeedToAdd,
  checkFeedToAdd,
  storeCheckedFeed,
  listingHasFeedUrl,
  syncCheckedFeed,
  type CheckedFeedLink,
  AddCalendarFeedInput,
  ReplaceFeedLinkInput,
  type SavedFeed,
} from "./feeds/manage-feeds";
export type { CalendarFeedDTO } from "./feeds/feed-dto";
export { pauseFeed, resumeFeed, stopFeedsOfListing } from "./feeds/pause-feed";
export { renameFeed } from "./feeds/rename-feed";
export { getOwnedListingOrThrow, LISTING_MANAGERS } from "./feeds/listing-access";
export { toSyncRunDto, type SyncRunDTO } from "./sync/run-dto";
export {
  findListingsByExternalIds,
  markListingArchived,
  listingsByExternalIdsJson,
  LISTING_UPSERT_CTES,
  RESUME_RESTORED_FEEDS_CTE,
  type ListingByExternalId,
} from "./listings/find-listings";
export { protectFeedUrl } from "./feed-url";
export { isKnownPlatform } from "./provider-key";
export { toFeedDto } from "./feeds/feed-dto";
export type { FeedFetcher } from "./fetch/feed-fetcher";
export type { FeedBodyReader } from "./ical/feed-body-reader";
export { claimProbeFeed } from "./sync/feed-lease";
export { leaseDurationMs } from "./sync/feed-lease";
export { LeaseLostError } from "./sync/feed-lease";
export { ProviderDownError } from "./sync/feed-lease";
export type { QueuedFeed } from "./sync/feed-lease";
export { syncClaimedFeed } from "./sync/sync-feed";
