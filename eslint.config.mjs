import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const services = (...areas) => areas.map((area) => `./src/server/services/${area}`);

// Which way data flows (docs/architecture.md), enforced on every import, `@/` and relative paths resolved alike
// (eslint-plugin-import with the TypeScript resolver). tests/unit/lint-boundaries.test.ts plants a violation of each.
const BOUNDARIES = [
  {
    target: "./src/app",
    from: ["./src/server/db", "./src/demo"],
    message: "Pages and route handlers read through services, never the database layer or the demo.",
  },
  {
    target: "./src/components",
    from: ["./src/server/db", "./src/demo"],
    message: "Components read through services, never the database layer or the demo.",
  },
  {
    target: services("alerts", "incidents", "conflicts"),
    from: services("alerting", "notifications", "read-models"),
    message: "A store records: it never calls the policy, a notifier or a read model.",
  },
  {
    target: services("notifications"),
    from: services("alerting", "alerts", "incidents", "conflicts", "read-models", "calendar", "platform"),
    message: "Notifications fan out the recorded events: they import no policy and no store.",
  },
  {
    target: services("alerting", "alerts", "incidents", "conflicts", "calendar", "platform", "read-models"),
    from: services("notifications"),
    message:
      "What happened is recorded with recordEvent (services/events); notifications fan it out. Nobody calls a notifier.",
  },
  {
    target: services("events"),
    from: "./src/server/services",
    except: ["./events"],
    message: "Events are a leaf: any area records through them, they import no area.",
  },
  {
    target: "./src/server/db",
    from: ["./src/server/services", "./src/server/auth", "./src/server/http"],
    message: "The database layer never imports a service.",
  },
  {
    target: services("users"),
    from: "./src/server/auth",
    message: "Sessions use the accounts, never the other way round (auth → users).",
  },
  {
    target: "./src/server/auth",
    from: "./src/server/http",
    message: "The HTTP wrappers use the session, never the other way round (http → auth).",
  },
  { target: "./src/server", from: "./src/demo", message: "The demo is a tool: nothing in the product imports it." },
  {
    target: services("calendar"),
    from: services("alerts", "conflicts", "notifications", "read-models"),
    message: "The sync engine hands its outcome to the alerting policy, nothing else.",
  },
  {
    target: services(
      "calendar",
      "alerting",
      "alerts",
      "incidents",
      "conflicts",
      "notifications",
      "read-models",
      "users",
      "audit",
      "api-keys",
      "retention",
      "health",
      "support",
    ),
    from: services("platform"),
    message: "The platform's integration is a source, like the sync: nothing imports it back.",
  },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    rules: {
      "import/no-restricted-paths": ["error", { zones: BOUNDARIES }],
    },
  },
  {
    files: ["src/app/**/*.{ts,tsx}", "src/components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["drizzle-orm", "drizzle-orm/*"],
              message: "Pages and components read through services, never Drizzle.",
            },
          ],
        },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    "dist/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "data/**",
    "test-results/**",
    "drizzle/**",
  ]),
]);
