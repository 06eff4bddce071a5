CREATE TABLE "provider_backoffs" (
	"provider_key" text PRIMARY KEY NOT NULL,
	"until" timestamp with time zone NOT NULL
);
