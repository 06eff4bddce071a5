import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { readdirSync, statSync } from "node:fs";

const services = (...areas) => areas.map((area) => `./src/server/services/${area}`);
const AREAS = readdirSync("src/server/services").filter((name) =>
  statSync(`src/server/services/${name}`).isDirectory(),
);
/** Every service area but these. */
const servicesExcept = (...left) => services(...AREAS.filter((area) => !left.includes(area)));

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
    from: services("alerting", "alerts", "incidents", "conflicts", "read-models", "calendar", "platform", "exports"),
    message: "Notifications fan out the recorded events: they import no policy and no store.",
  },
  {
    target: services("alerting", "alerts", "incidents", "conflicts", "calendar", "platform", "read-models", "exports"),
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
    target: servicesExcept("exports", "platform"),
    from: services("exports"),
    message:
      "Export links are a source, like the sync: they report reads to the policy; only the platform, pages and the worker import them.",
  },
  {
    target: services("calendar"),
    from: services("alerts", "notifications", "read-models"),
    message: "The sync engine hands its outcome to the alerting policy, nothing else.",
  },
  {
    target: services("calendar"),
    from: services("conflicts"),
    except: ["./conflicts.service.ts"],
    message:
      "The sync engine reads the double-booking rule from conflicts' index (its import statement asks whether an import may have changed a conflict), nothing else.",
  },
  {
    target: servicesExcept("platform"),
    from: services("platform"),
    message: "The platform's integration is a source, like the sync: nothing imports it back.",
  },
];

// Each service area is entered through its index (`<area>.service.ts`; the story's `support/alert.service.ts`): from
// another area, a page, a component, the worker or the demo alike. Inside an area, files import each other freely.
const OUTSIDE_SERVICES = [
  ...readdirSync("src")
    .filter((name) => name !== "server")
    .map((name) => `./src/${name}`),
  ...readdirSync("src/server")
    .filter((name) => name !== "services")
    .map((name) => `./src/server/${name}`),
];
const THROUGH_INDEX = AREAS.map((area) => ({
  target: [
    ...OUTSIDE_SERVICES,
    ...AREAS.filter((other) => other !== area).map((other) => `./src/server/services/${other}`),
  ],
  from: `./src/server/services/${area}`,
  except: [area === "support" ? "./alert.service.ts" : `./${area}.service.ts`],
  message: `Another area, a page or the worker enters ${area} through its index (${area === "support" ? "alert.service.ts" : `${area}.service.ts`}).`,
}));

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
      "import/no-restricted-paths": ["error", { zones: [...BOUNDARIES, ...THROUGH_INDEX] }],
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
