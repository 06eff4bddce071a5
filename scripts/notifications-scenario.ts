// npm run scenario:notifications -- <out.json>: the demo's first 20 minutes replayed on a fixed clock, in one
// process, on an in-memory PGlite; writes every e-mail the outbox holds and every channel event (type, providers,
// payload, and the order each channel receives them in), with row ids replaced by their order of appearance.
// Two recordings of the same code are identical; a change to how notifications are made is compared with `diff`.
process.env.NEXTAUTH_SECRET ||= "scenario-secret-not-for-production";
process.env.NEXTAUTH_URL ||= "http://localhost:3000";
process.env.APP_ENCRYPTION_KEY ||= "dGVzdC1rZXktMzItYnl0ZXMtbG9uZy1mb3ItdGVzdHM=";
process.env.CALENDAR_FETCH_ALLOW_HOSTS = "127.0.0.1,127.0.0.2";
process.env.LOG_LEVEL = "silent";
process.env.SYNC_INTERVAL_MINUTES = "2";
process.env.PROVIDER_INCIDENT_MIN_OWNERS ||= "3";
process.env.PROVIDER_INCIDENT_MAX_FEEDS_PER_OWNER ||= "4";
process.env.ESCALATION_SECOND_LEVEL_EMAIL ||= "niveau2@example.com";
process.env.ESCALATION_UNASSIGNED_MINUTES ||= "8";

// The schedule's jitter, on a seeded generator (mulberry32): the same syncs at the same minutes on every run.
let seed = 20_261_207;
Math.random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

import { writeFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { sql } from "drizzle-orm";
import { schema, type Database } from "../src/server/db/database";
import { CHANNEL_EVENT_TYPES } from "../src/server/db/schema";
import { migratePgliteInstance } from "../src/server/db/migrate";
import { installDatabase } from "../src/server/db/client";
import { queryRows } from "../src/server/db/query-rows";
import { systemContext, type ServiceContext } from "../src/server/service-context";
import type { Viewer } from "../src/server/actor";
import { startDemoFeedServer } from "../src/demo/demo-feed-server";
import { seedDemoData } from "../src/demo/seed-demo-data";
import { DEMO_PLATFORM_LISTINGS, demoPlatformReservations } from "../src/demo/demo-platform-data";
import { createFeedFetcher } from "../src/server/services/calendar/fetch/feed-fetcher";
import { claimDueFeeds } from "../src/server/services/calendar/calendar.service";
import { syncClaimedFeed } from "../src/server/services/calendar/sync/sync-feed";
import * as alerting from "../src/server/services/alerting/alerting.service";
import * as notifications from "../src/server/services/notifications/notifications.service";
import {
  addPlatformFeed,
  archiveListing,
  upsertListings,
  upsertReservations,
} from "../src/server/services/platform/platform.service";
import { dismissConflict } from "../src/server/services/conflicts/conflicts.service";
import { runMain } from "./lib";

const T0 = new Date("2026-12-07T07:00:00.000Z");
const MINUTES = 20;
// Fixed: the provider keys (host and port) are in the recording.
const PORT = 47_311;
const support: Viewer = { id: "demo-support-1", role: "support", name: "Sophie Martin", email: "support@example.com" };
const admin: Viewer = { id: "demo-admin", role: "admin", name: "Claire Dubois", email: "admin@example.com" };

/** What the worker's loops do in one turn, on the scenario's clock; the sync loop first. */
async function workerTurn(
  ctx: ServiceContext,
  now: Date,
  fetcher: ReturnType<typeof createFeedFetcher>,
): Promise<void> {
  for (;;) {
    const due = await claimDueFeeds(ctx, { owner: "scenario", limit: 50, leaseMs: 60_000, now });
    if (due.length === 0) break;
    for (const feed of due) await syncClaimedFeed(ctx, { feed, leaseOwner: "scenario", fetcher, now: () => now });
  }
  await alerting.wakeSnoozedAlerts(ctx, { now });
  await alerting.tellSecondLevel(ctx, { now });
  await alerting.sendMorningDigest(ctx, { now });
  await alerting.confirmBookingConflicts(ctx, { now });
  // The outbox and channel loops' first step: the recorded events become e-mails and deliveries.
  await notifications.fanOutEvents(ctx);
}

/** Ids in the recording, replaced by their order of appearance (row ids are random). */
function normalize(text: string, ids: string[]): string {
  let out = text;
  ids.forEach((id, index) => {
    out = out.split(id).join(`<id${index}>`);
  });
  return out;
}

runMain(async () => {
  const out = process.argv[2] ?? "notifications-scenario.json";
  const instance = await PGlite.create();
  await migratePgliteInstance(instance);
  const db = drizzle(instance, { schema }) as unknown as Database;
  installDatabase({ db, kind: "pglite", close: async () => undefined });
  const ctx = systemContext(db);
  let clock = T0;
  const feeds = await startDemoFeedServer({
    port: PORT,
    healthyFirst: true,
    calendarDay: () => clock,
    generatedAt: () => clock,
  });
  const outage = await startDemoFeedServer({
    port: feeds.port,
    host: "127.0.0.2",
    calendarDay: () => clock,
    generatedAt: () => clock,
  });
  const fetcher = createFeedFetcher({
    timeoutMs: 5_000,
    connectTimeoutMs: 2_000,
    maxBytes: 1024 * 1024,
    allowHosts: ["127.0.0.1", "127.0.0.2"],
  });
  try {
    await seedDemoData(systemContext(db, "cli"), { feedsBaseUrl: feeds.baseUrl });
    const channel = await notifications.createChannel(
      { db, actor: admin },
      {
        type: "webhook",
        name: "Tout",
        url: "https://receiver.example/hook",
        events: [...CHANNEL_EVENT_TYPES],
      },
    );
    const airbnbOnly = await notifications.createChannel(
      { db, actor: admin },
      {
        type: "slack",
        name: "Airbnb",
        url: "https://hooks.slack.com/services/T0/B0/scenario",
        events: [...CHANNEL_EVENT_TYPES],
        providers: [`127.0.0.2:${PORT}`],
      },
    );
    const cli = systemContext(db, "cli");
    await upsertListings(
      cli,
      DEMO_PLATFORM_LISTINGS.map(({ externalId, title, city, host }) => ({
        externalId,
        title,
        city,
        timeZone: "Europe/Paris",
        host,
      })),
    );
    for (const listing of DEMO_PLATFORM_LISTINGS) {
      await addPlatformFeed(cli, {
        externalId: listing.externalId,
        provider: "Airbnb",
        url: `${feeds.baseUrl}${listing.feedPath}?t=demo-platform-${listing.externalId.toLowerCase()}`,
      });
    }
    await upsertReservations(
      cli,
      DEMO_PLATFORM_LISTINGS.flatMap((listing) =>
        demoPlatformReservations(listing.externalId, T0).map((stay) => ({
          listingExternalId: listing.externalId,
          ...stay,
        })),
      ),
    );

    for (let minute = 0; minute <= MINUTES; minute++) {
      clock = new Date(T0.getTime() + minute * 60_000);
      if (minute === 3) outage.setOutage(true);
      if (minute === 13) outage.setOutage(false);
      if (minute === 9) {
        const [escalated] = await queryRows<{ id: string }>(
          db,
          sql`select a.id from calendar_sync_alerts a join listings l on l.id = a.listing_id where a.status = 'escalated' order by l.title limit 1`,
        );
        if (escalated)
          await alerting.resolveAlertByHand(
            { db, actor: support },
            { alertId: escalated.id, note: "Vu avec l'hôte", now: clock },
          );
      }
      if (minute === 11) {
        const [conflict] = await queryRows<{ id: string }>(
          db,
          sql`select c.id from booking_conflicts c join listings l on l.id = c.listing_id where c.status = 'open' and c.confirmed_at is not null order by l.title, c.first_night limit 1`,
        );
        if (conflict)
          await dismissConflict({ db, actor: support }, { conflictId: conflict.id, reason: "Même séjour", now: clock });
      }
      if (minute === 12)
        for (const listingId of ["demo-listing-02", "demo-listing-03", "demo-listing-04"])
          feeds.override(listingId, "airbnb");
      if (minute === 15) {
        const [incident] = await queryRows<{ id: string }>(
          db,
          sql`select id from provider_incidents where status = 'open' limit 1`,
        );
        if (incident) await alerting.resolveIncidentByHand({ db, actor: support }, incident.id);
      }
      if (minute === 17) await archiveListing(cli, { externalId: "PLAT-01", now: clock });
      await workerTurn(ctx, clock, fetcher);
    }

    const emails = await queryRows<Record<string, unknown>>(
      db,
      sql`select dedupe_key, kind, recipient, subject, text_body, html_body, message_id, in_reply_to from email_outbox order by dedupe_key`,
    );
    const events = await queryRows<Record<string, unknown>>(
      db,
      sql`select dedupe_key, type, providers, data from notification_events
          where type in ('alert.escalated', 'alert.resolved', 'incident.opened', 'incident.resolved', 'conflict.detected', 'conflict.resolved', 'digest')
          order by dedupe_key`,
    );
    const deliveries = await queryRows<{ channel_id: string; dedupe_key: string }>(
      db,
      sql`select d.channel_id, e.dedupe_key from notification_deliveries d join notification_events e on e.id = d.event_id order by d.channel_id, d.event_seq`,
    );
    const byChannel = (id: string) => deliveries.filter((d) => d.channel_id === id).map((d) => d.dedupe_key);
    // Ordered by what the scenario decides (time, then the listing and the nights), never by the random id itself.
    const ids = await queryRows<{ id: string }>(
      db,
      sql`select id from (select a.id, 1 as k, a.first_failed_at as at, (select title from listings where id = a.listing_id) as tie from calendar_sync_alerts a
          union all select id, 2, detected_at, (select title from listings where id = listing_id) || first_night::text || least(uid_a, uid_b) || greatest(uid_a, uid_b) from booking_conflicts
          union all select id, 3, opened_at, provider_key from provider_incidents union all select id, 4, null, (select title from listings where id = listing_id) || provider || url_masked from calendar_feeds
          union all select id, 5, null, title from listings union all select id, 6, null, email from users) ids order by k, at, tie`,
    );
    // Message-IDs are digests of the dedupe keys, which hold row ids: named after their (normalized) key instead.
    const messageIds = new Map(
      emails.map((email) => [email.message_id as string, `<message of ${email.dedupe_key as string}>`]),
    );
    for (const email of emails) {
      email.message_id = messageIds.get(email.message_id as string);
      if (email.in_reply_to)
        email.in_reply_to = messageIds.get(email.in_reply_to as string) ?? "<a message not in the outbox>";
    }
    // A conflict names its two sides in the order of their feeds' ids, which are random: one order here.
    for (const email of emails)
      for (const field of ["subject", "text_body", "html_body"])
        email[field] = String(email[field]).replace(/([\wÀ-ÿ.]+) et la plateforme/g, "la plateforme et $1");
    for (const event of events) {
      const conflict = (event.data as { conflict?: { providers?: string[] } }).conflict;
      conflict?.providers?.sort();
    }
    const recording = {
      emails,
      events,
      channels: { all: byChannel(channel.id), airbnbOnly: byChannel(airbnbOnly.id) },
    };
    // What the database's own clock stamped (now() in SQL: an automatic resolution's time) is today's real time, not the scenario's.
    const today = new Date();
    const frenchToday = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "Europe/Paris" }).format(today);
    const realHour = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", timeZone: "Europe/Paris" })
      .format(today)
      .slice(0, 2);
    const realClock = new RegExp(
      `${frenchToday} à \\d\\d:\\d\\d|${today.toISOString().slice(0, 10)}T[\\d:.]+Z|rétablie à ${realHour}:\\d\\d`,
      "g",
    );
    const recordingText = JSON.stringify(recording).replace(realClock, "<database clock>");
    const normalized = JSON.parse(
      normalize(
        recordingText,
        ids.map((row) => row.id).filter((id) => id.length >= 16),
      ),
    ) as typeof recording;
    // Sorted once the keys are normalized: the raw keys hold random ids.
    const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      String(a.dedupe_key).localeCompare(String(b.dedupe_key));
    normalized.emails.sort(byKey);
    normalized.events.sort(byKey);
    writeFileSync(out, `${JSON.stringify(normalized, null, 2)}\n`);
    console.log(`${out}: ${emails.length} e-mails, ${events.length} channel events, ${deliveries.length} deliveries`);
  } finally {
    await fetcher.close();
    await outage.close();
    await feeds.close();
    await instance.close();
  }
});
