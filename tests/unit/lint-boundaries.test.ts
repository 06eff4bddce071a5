import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// Each boundary of eslint.config.mjs, planted: the linter must refuse it, through `@/` and relative paths alike.
// The planted files exist only in this test (ESLint lints the text under the path given).
const PLANTED: Array<[string, string, string]> = [
  [
    "the policy importing the export links (they report to it, never the other way)",
    "src/server/services/alerting/planted.ts",
    `import { serveExport } from "../exports/exports.service";\nexport const planted = serveExport;\n`,
  ],
  [
    "a page reading the database layer",
    "src/app/planted/page.tsx",
    `import { getDb } from "@/server/db/client";\nexport const planted = getDb;\n`,
  ],
  [
    "a route handler reading the schema (relative)",
    "src/app/api/planted/route.ts",
    `import { users } from "../../../server/db/schema";\nexport const planted = users;\n`,
  ],
  [
    "a page using Drizzle",
    "src/app/planted/page.tsx",
    `import { sql } from "drizzle-orm";\nexport const planted = sql;\n`,
  ],
  [
    "a component reading the database layer",
    "src/components/planted.tsx",
    `import { getDb } from "@/server/db/client";\nexport const planted = getDb;\n`,
  ],
  [
    "the alert store calling the policy",
    "src/server/services/alerts/planted.ts",
    `import { recordSyncFailure } from "../alerting/record-sync-failure";\nexport const planted = recordSyncFailure;\n`,
  ],
  [
    "the incident store calling a notifier",
    "src/server/services/incidents/planted.ts",
    `import { fanOutEvents } from "@/server/services/notifications/fan-out-events";\nexport const planted = fanOutEvents;\n`,
  ],
  [
    "a notifier reading the alert store",
    "src/server/services/notifications/planted.ts",
    `import { getAlertDtoOrThrow } from "@/server/services/alerts/read-alert-dto";\nexport const planted = getAlertDtoOrThrow;\n`,
  ],
  [
    "the alert store reading a read model",
    "src/server/services/alerts/planted.ts",
    `import { listAlerts } from "../read-models/read-models.service";\nexport const planted = listAlerts;\n`,
  ],
  [
    "the accounts importing the session layer",
    "src/server/services/users/planted.ts",
    `import { authorizeViewer } from "../../auth/viewer";\nexport const planted = authorizeViewer;\n`,
  ],
  [
    "the session layer importing the HTTP wrappers",
    "src/server/auth/planted.ts",
    `import { withRole } from "@/server/http/with-role";\nexport const planted = withRole;\n`,
  ],
  [
    "the database layer importing a service",
    "src/server/db/planted.ts",
    `import { resolveAlert } from "../services/alerts/resolve-alert";\nexport const planted = resolveAlert;\n`,
  ],
  [
    "the product importing the demo",
    "src/server/services/calendar/planted.ts",
    `import { DEMO_USERS } from "@/demo/demo-data";\nexport const planted = DEMO_USERS;\n`,
  ],
  [
    "the sync engine writing alerts itself",
    "src/server/services/calendar/sync/planted.ts",
    `import { countAlertFailure } from "../../alerts/alerts.service";\nexport const planted = countAlertFailure;\n`,
  ],
  [
    "the policy calling a notifier instead of recording an event",
    "src/server/services/alerting/planted.ts",
    `import { enqueueEmail } from "@/server/services/notifications/notifications.service";\nexport const planted = enqueueEmail;\n`,
  ],
  [
    "the events leaf importing an area",
    "src/server/services/events/planted.ts",
    `import { recordAudit } from "../audit/audit.service";\nexport const planted = recordAudit;\n`,
  ],
  [
    "the conflict store calling a notifier",
    "src/server/services/conflicts/planted.ts",
    `import { enqueueEmail } from "../notifications/enqueue-email";\nexport const planted = enqueueEmail;\n`,
  ],
  [
    "the sync engine reaching into the conflict store",
    "src/server/services/calendar/sync/planted.ts",
    `import { detectConflicts } from "../../conflicts/detect-conflicts";\nexport const planted = detectConflicts;\n`,
  ],
  [
    "the policy reaching into a file of the alert store instead of its index",
    "src/server/services/alerting/planted.ts",
    `import { lockAlert } from "../alerts/lock-alert";\nexport const planted = lockAlert;\n`,
  ],
  [
    "a page reaching into a file of the read models instead of their index",
    "src/app/planted/page.tsx",
    `import { listAlerts } from "@/server/services/read-models/list-alerts";\nexport const planted = listAlerts;\n`,
  ],
  [
    "the worker reaching into a file of the sync engine instead of its index",
    "src/server/worker/planted.ts",
    `import { claimDueFeeds } from "../services/calendar/sync/feed-lease";\nexport const planted = claimDueFeeds;\n`,
  ],
];

describe("import boundaries, enforced by npm run lint", () => {
  const eslint = new ESLint({ cwd: process.cwd() });

  it.each(PLANTED)("refuses %s", async (_name, filePath, code) => {
    const [result] = await eslint.lintText(code, { filePath });
    const rules = result!.messages.filter((message) => message.severity === 2).map((message) => message.ruleId);
    expect(rules.some((rule) => rule === "import/no-restricted-paths" || rule === "no-restricted-imports")).toBe(true);
  });

  it("lets the allowed arrows through: a route to a service, the policy to the store", async () => {
    const allowed: Array<[string, string]> = [
      [
        "src/app/api/planted/route.ts",
        `import { listAlerts } from "@/server/services/read-models/read-models.service";\nexport const planted = listAlerts;\n`,
      ],
      [
        "src/server/services/alerting/planted.ts",
        `import { countAlertFailure } from "../alerts/alerts.service";\nexport const planted = countAlertFailure;\n`,
      ],
      [
        "src/server/services/calendar/sync/planted.ts",
        `import { conflictCertaintySql } from "../../conflicts/conflicts.service";\nexport const planted = conflictCertaintySql;\n`,
      ],
    ];
    for (const [filePath, code] of allowed) {
      const [result] = await eslint.lintText(code, { filePath });
      expect(
        result!.messages.filter((message) => message.severity === 2),
        filePath,
      ).toEqual([]);
    }
  });
});
