import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { crossingsOf, tablesOf, type Ownership } from "./table-ownership";

// Each table has one owning area: only files of that area name it, in raw SQL or through the query builder. Others
// reach its rows through the owner's index (a verb, or an SQL fragment the owner writes and exports).
// Two kinds of files may read every table, and write none:
// - read models: the `read-models/` area, and a file named `read-*.ts` in any area (the facts a policy reads to decide);
// - the retention sweep (`retention/`), which deletes what has outlived the ages docs/operations.md gives, table by table.
// A crossing still in the tree is declared in DECLARED with its reason; the list only shrinks.
export const OWNERSHIP: Ownership = {
  owners: {
    users: "users",
    user_sessions: "users",
    login_throttles: "users",
    account_invitations: "users",
    password_resets: "users",
    totp_recovery_codes: "users",
    api_keys: "api-keys",
    api_key_minutes: "api-keys",
    audit_logs: "audit",
    listings: "calendar",
    calendar_feeds: "calendar",
    calendar_blocks: "calendar",
    calendar_sync_runs: "calendar",
    host_link_checks: "calendar",
    provider_retry_hints: "incidents",
    platform_reservations: "platform",
    calendar_sync_alerts: "alerts",
    alert_failures: "alerts",
    alert_events: "alerts",
    provider_incidents: "incidents",
    provider_incident_events: "incidents",
    booking_conflicts: "conflicts",
    notification_events: "events",
    notification_channels: "notifications",
    notification_deliveries: "notifications",
    notification_attempts: "notifications",
    email_outbox: "notifications",
    export_links: "exports",
    export_reads: "exports",
  },
  readEverything: ["read-models", "retention"],
  // What is left is measured, not forgotten. The sync engine (calendar) is above the policy and the stores (calendar →
  // alerting → alerts, incidents, conflicts): the story's contract has calendar.service.ts open the alert on a failed
  // sync. So the stores cannot import calendar's index for its tables without a cycle, and these read them in the
  // statement that needs them, atomic and fenced:
  declared: {
    "calendar/sync/record-healthy-sync.ts: calendar_sync_alerts":
      "the one-statement healthy sync applies only while the listing has no open alert (else the locked path settles it)",
    "calendar/sync/record-healthy-sync.ts: booking_conflicts":
      "an import may have closed a conflict of its feed: it is then handed to the detection",
    "calendar/sync/record-healthy-sync.ts: platform_reservations":
      "the platform's reservations are stays the double-booking rule reads beside the feeds'",
    "conflicts/detect-conflicts.ts: calendar_blocks": "the detection reads the listing's imported stays",
    "conflicts/detect-conflicts.ts: calendar_feeds": "the detection reads each stay's provider and skips paused feeds",
    "conflicts/detect-conflicts.ts: listings": "the detection reads the listing's time zone: nights are local",
    "conflicts/stay-overlap-sql.ts: platform_reservations":
      "the double-booking rule reads the platform's reservations beside the feeds' stays",
    "incidents/incident-store.ts: calendar_feeds":
      "the end of an incident spreads its provider's feeds' next syncs over a few minutes",
  },
};

const SERVICES = path.resolve("src/server/services");

function filesOf(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    return statSync(full).isDirectory() ? filesOf(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

const sources = () =>
  filesOf(SERVICES).map((file) => ({ file: path.relative(SERVICES, file), text: readFileSync(file, "utf8") }));

describe("table ownership", () => {
  it("the map names every table of the schema, once", () => {
    expect(Object.keys(OWNERSHIP.owners).sort()).toEqual(
      tablesOf("src/server/db/schema")
        .map((t) => t.name)
        .sort(),
    );
  });

  it("no file names a table its area does not own, beyond the declared crossings", () => {
    expect(crossingsOf(sources(), OWNERSHIP, tablesOf("src/server/db/schema"))).toEqual([]);
  });

  it("declares only crossings still in the tree (the list only shrinks)", () => {
    const undeclared = crossingsOf(sources(), { ...OWNERSHIP, declared: {} }, tablesOf("src/server/db/schema"));
    const still = new Set(
      undeclared.map((line) =>
        line
          .replace(/ names (\w+) .*$/, ": $1")
          .split(path.sep)
          .join("/"),
      ),
    );
    expect(Object.keys(OWNERSHIP.declared).filter((entry) => !still.has(entry))).toEqual([]);
  });

  it("read models only read", () => {
    const writers = sources()
      .filter(({ file }) => file.startsWith(`read-models${path.sep}`) || path.basename(file).startsWith("read-"))
      .filter(({ text }) =>
        /\b(insert\s+into|update\s+\w+\s+set|delete\s+from)\b|\.(insert|update|delete)\(/i.test(text),
      )
      .map(({ file }) => file);
    expect(writers).toEqual([]);
  });

  it("catches a planted crossing: the sync engine naming the alert table, in SQL and through the builder", () => {
    const tables = tablesOf("src/server/db/schema");
    const planted = [
      {
        file: path.join("calendar", "sync", "planted.ts"),
        text: "const q = sql`select 1 from calendar_sync_alerts a where a.listing_id = $1`;",
      },
      {
        file: path.join("incidents", "planted.ts"),
        text: 'import { bookingConflicts } from "../../db/schema";\nexport const q = db.select().from(bookingConflicts);',
      },
      { file: path.join("alerts", "planted.ts"), text: "await db.execute(sql`update   listings set title = ''`);" },
    ];
    expect(crossingsOf(planted, OWNERSHIP, tables)).toEqual([
      `${path.join("calendar", "sync", "planted.ts")} names calendar_sync_alerts (owned by alerts)`,
      `${path.join("incidents", "planted.ts")} names booking_conflicts (owned by conflicts)`,
      `${path.join("alerts", "planted.ts")} names listings (owned by calendar)`,
    ]);
    // The owner itself, a read model and a comment are not crossings.
    expect(
      crossingsOf(
        [
          { file: path.join("alerts", "planted.ts"), text: "sql`select 1 from calendar_sync_alerts`" },
          { file: path.join("read-models", "planted.ts"), text: "sql`select 1 from calendar_sync_alerts`" },
          { file: path.join("alerting", "read-planted.ts"), text: "sql`select 1 from calendar_sync_alerts`" },
          { file: path.join("conflicts", "planted.ts"), text: "// rows come from calendar_sync_alerts\n" },
        ],
        OWNERSHIP,
        tables,
      ),
    ).toEqual([]);
  });
});
