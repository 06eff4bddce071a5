-- Masked feed URLs stored before #8 kept any first path segment of 24 characters or fewer, a token included.
-- Keep the first segment only when it is one of the known non-secret words (see mask-url.ts).
UPDATE "calendar_feeds"
SET "url_masked" = substring("url_masked" from '^[a-z]+://[^/?]+') || '/…' || CASE WHEN "url_masked" LIKE '%?…' THEN '?…' ELSE '' END
WHERE "url_masked" ~ '^[a-z]+://[^/?]+/[^/?]+/'
  AND lower(substring("url_masked" from '^[a-z]+://[^/?]+/([^/?]+)/')) NOT IN
    ('calendar', 'calendars', 'cal', 'ical', 'icalendar', 'ics', 'export', 'exports', 'feed', 'feeds', 'hotel', 'published', 'public', 'api', 'airbnb', 'booking', 'vrbo', 'google');
