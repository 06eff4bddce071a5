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
export { toSyncRunDto, type SyncRunDTO } from "./sync/run-dto";
