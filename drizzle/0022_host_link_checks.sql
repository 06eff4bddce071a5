CREATE TABLE "host_link_checks" (
	"id" text PRIMARY KEY NOT NULL,
	"host_id" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "host_link_checks" ADD CONSTRAINT "host_link_checks_host_id_users_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "host_link_checks_host_started_idx" ON "host_link_checks" USING btree ("host_id","started_at");