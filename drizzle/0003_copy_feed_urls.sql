-- Feed URLs move to url_ciphertext. Rows written before encryption keep their plaintext there for now;
-- the application encrypts them on start (encryptLegacyFeedUrls) since the key is not known to SQL.
UPDATE "calendar_feeds" SET "url_ciphertext" = "url" WHERE "url_ciphertext" IS NULL;
