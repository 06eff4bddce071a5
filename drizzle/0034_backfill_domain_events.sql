-- Events recorded before the events step were delivered as they were written: nothing is left to fan out.
UPDATE "notification_events" SET "fanned_out_at" = "occurred_at", "facts" = "data" WHERE "fanned_out_at" IS NULL;
