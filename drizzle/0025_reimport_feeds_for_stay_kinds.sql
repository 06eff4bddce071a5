-- Stays imported before stay kinds existed are all « unknown ». Forgetting each feed's body hash makes its next
-- successful sync parse and store its stays again, with their kinds, even when the platform's file has not changed.
UPDATE "calendar_feeds" SET "body_hash" = NULL, "etag" = NULL, "last_modified" = NULL;
