import { LOCALES, type Locale } from "../i18n/locales";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const integerFromEnv = (fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === "") return fallback;
      if (!/^\d+$/.test(value)) {
        ctx.addIssue({ code: "custom", message: `must be a whole number between ${min} and ${max}, got "${value}"` });
        return z.NEVER;
      }
      const parsed = Number(value);
      if (parsed < min || parsed > max) {
        ctx.addIssue({ code: "custom", message: `must be between ${min} and ${max}, got ${parsed}` });
        return z.NEVER;
      }
      return parsed;
    });

/** Hours, whole or decimal (the demo's few minutes: 0.05), between min and max. */
const hoursFromEnv = (fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === "") return fallback;
      const parsed = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
      if (!(parsed >= min && parsed <= max)) {
        ctx.addIssue({
          code: "custom",
          message: `must be a number of hours between ${min} and ${max}, got "${value}"`,
        });
        return z.NEVER;
      }
      return parsed;
    });

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === "" ? undefined : value));

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
      .optional(),
  ),
  DATABASE_POOL_SIZE: integerFromEnv(10, 1, 200),
  /** npm run db:copy-to's target (an empty PostgreSQL database). */
  TARGET_DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
      .optional(),
  ),
  PGLITE_DIR: z.string().default("./data/pglite"),
  PGLITE_PORT: integerFromEnv(54329, 1024, 65535),
  /** On the embedded database: the longest between two checkpoints the worker makes (PGlite has no checkpointer). */
  EMBEDDED_MAINTENANCE_MINUTES: integerFromEnv(10, 1, 24 * 60),
  /** On the embedded database: the most of the engine's time the worker gets while pages are being served (percent). */
  EMBEDDED_WORKER_SHARE_PERCENT: integerFromEnv(20, 5, 100),
  NEXTAUTH_SECRET: optionalString,
  /** The public URL; unset outside production, the app's loopback addresses at PORT. */
  NEXTAUTH_URL: optionalString.pipe(z.url().optional()),
  PORT: integerFromEnv(3000, 1, 65535),
  ALERT_ESCALATION_THRESHOLD: integerFromEnv(3, 1, 1000),
  SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
      .optional(),
  ),
  SUPPORT_EMAIL: z.email().default("support@example.com"),
  /** The language of what support's mailbox, the second level, the digest and the channels receive. */
  SUPPORT_LOCALE: z.enum(LOCALES).default("fr"),
  /** Told once when an escalated alert has no owner after ESCALATION_UNASSIGNED_MINUTES; unset: no second level. */
  ESCALATION_SECOND_LEVEL_EMAIL: z.preprocess((value) => (value === "" ? undefined : value), z.email().optional()),
  ESCALATION_UNASSIGNED_MINUTES: integerFromEnv(60, 1, 7 * 24 * 60),
  /** A notification channel failing this many deliveries in a row is marked failing (banner, one e-mail to SUPPORT_EMAIL). */
  NOTIFICATION_CHANNEL_FAILING_AFTER: integerFromEnv(5, 1, 100),
  DIGEST_HOUR: integerFromEnv(8, 0, 23),
  DIGEST_TIME_ZONE: z
    .string()
    .default("Europe/Paris")
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat("fr-FR", { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, "must be an IANA time zone, such as Europe/Paris"),
  MAIL_FROM: z.string().default("Alertes calendrier <no-reply@example.com>"),
  MAIL_DIR: z.string().default("./data/mail"),
  DEMO_FEEDS_PORT: integerFromEnv(4010, 1024, 65535),
  APP_ENCRYPTION_KEY: optionalString.pipe(
    z
      .string()
      .refine(
        (value) => Buffer.from(value, "base64").length === 32,
        "must be 32 bytes in base64 (openssl rand -base64 32)",
      )
      .optional(),
  ),
  APP_ENCRYPTION_KEY_PREVIOUS: optionalString.pipe(
    z
      .string()
      .refine(
        (value) => Buffer.from(value, "base64").length === 32,
        "must be 32 bytes in base64 (openssl rand -base64 32)",
      )
      .optional(),
  ),
  CALENDAR_FETCH_TIMEOUT_MS: integerFromEnv(15_000, 100, 600_000),
  CALENDAR_FETCH_CONNECT_TIMEOUT_MS: integerFromEnv(5_000, 100, 120_000),
  CALENDAR_FETCH_MAX_BYTES: integerFromEnv(5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
  CALENDAR_FETCH_ALLOW_HOSTS: z.string().default(""),
  SYNC_CONCURRENCY: integerFromEnv(32, 1, 256),
  SYNC_MAX_CONCURRENCY_PER_OWNER: integerFromEnv(4, 1, 256),
  CALENDAR_MAX_FEEDS_PER_LISTING: integerFromEnv(10, 1, 1_000),
  HOST_LINK_SAVES_PER_HOUR: integerFromEnv(30, 1, 100_000),
  HOST_LINK_CHECKS_IN_FLIGHT: integerFromEnv(2, 1, 100),
  WORKER_DATABASE_POOL_SIZE: integerFromEnv(0, 0, 300),
  PARSE_OFF_THREAD_BYTES: integerFromEnv(512 * 1024, 0, 1024 * 1024 * 1024),
  PARSE_THREADS: integerFromEnv(1, 0, 64),
  PARSE_TIME_LIMIT_MS: integerFromEnv(5_000, 100, 600_000),
  WORKER_METRICS_PORT: integerFromEnv(0, 0, 65535),
  WORKER_METRICS_HOST: z.string().default("127.0.0.1"),
  METRICS_TOKEN: optionalString,
  SYNC_INTERVAL_MINUTES: integerFromEnv(15, 1, 24 * 60),
  SYNC_HORIZON_MONTHS: integerFromEnv(18, 1, 120),
  FEED_EMPTY_CONFIRM_HOURS: integerFromEnv(3, 0, 24 * 14),
  TRUST_PROXY: z
    .enum(["", "0", "1", "false", "true"], { message: "must be true or false" })
    .default("")
    .transform((value) => value === "1" || value === "true"),
  API_KEY_REQUESTS_PER_MINUTE: integerFromEnv(600, 1, 1_000_000),
  INVITATION_HOURS: integerFromEnv(72, 1, 24 * 30),
  PASSWORD_RESET_MINUTES: integerFromEnv(30, 5, 24 * 60),
  OIDC_ISSUER: z.url({ message: "must be the provider's issuer URL" }).optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_ALLOWED_DOMAINS: z
    .string()
    .trim()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((domain) => domain.trim().toLowerCase())
        .filter(Boolean),
    ),
  OIDC_NAME: z.string().trim().min(1).max(60).default("le compte de l'entreprise"),
  OIDC_ONLY: z
    .enum(["", "0", "1", "false", "true"], { message: "must be true or false" })
    .default("")
    .transform((value) => value === "1" || value === "true"),
  TOTP_REQUIRED_FOR_ADMINS: z
    .enum(["", "0", "1", "false", "true"], { message: "must be true or false" })
    .default("")
    .transform((value) => value === "1" || value === "true"),
  LOGIN_MAX_FAILURES: integerFromEnv(10, 1, 1_000),
  LOGIN_WINDOW_MINUTES: integerFromEnv(15, 1, 24 * 60),
  LOGIN_MAX_DELAY_MS: integerFromEnv(8_000, 0, 60_000),
  HOST_NOTICE_AFTER_FAILURES: integerFromEnv(2, 1, 1_000),
  ALERT_RETENTION_DAYS: integerFromEnv(365, 1, 36_500),
  SYNC_RUN_RETENTION_DAYS: integerFromEnv(30, 1, 36_500),
  OUTBOX_RETENTION_DAYS: integerFromEnv(30, 1, 36_500),
  PROVIDER_INCIDENTS: z.enum(["on", "off"]).default("on"),
  BOOKING_CONFLICTS: z.enum(["on", "off"]).default("on"),
  CONFLICT_NOTIFY_DAYS: integerFromEnv(60, 0, 3_650),
  CONFLICT_CONFIRM_MINUTES: integerFromEnv(10, 0, 24 * 60),
  PROVIDER_INCIDENT_WINDOW_MINUTES: integerFromEnv(15, 1, 24 * 60),
  PROVIDER_INCIDENT_MIN_FEEDS: integerFromEnv(10, 1, 1_000_000),
  PROVIDER_INCIDENT_RATIO: z
    .string()
    .trim()
    .default("0.5")
    .refine((value) => /^(0(\.\d+)?|1(\.0+)?)$/.test(value), "must be a ratio between 0 and 1, such as 0.5")
    .transform(Number),
  PROVIDER_PROBE_INTERVAL_SECONDS: integerFromEnv(60, 1, 3_600),
  PROVIDER_RECOVERY_PROBES: integerFromEnv(3, 1, 100),
  PROVIDER_MAX_CONCURRENCY: integerFromEnv(16, 1, 1_000),
  PROVIDER_MAX_RETRY_AFTER_SECONDS: integerFromEnv(3_600, 1, 7 * 86_400),
  PROVIDER_HOLD_MIN_OWNERS: integerFromEnv(3, 1, 1_000),
  PROVIDER_INCIDENT_MIN_OWNERS: integerFromEnv(5, 1, 1_000),
  PROVIDER_INCIDENT_MAX_FEEDS_PER_OWNER: integerFromEnv(2, 1, 1_000_000),
  EXPORT_LINK_GRACE_DAYS: integerFromEnv(7, 0, 365),
  EXPORT_STALE_HOURS: hoursFromEnv(12, 0.01, 24 * 30),
  EXPORT_ESCALATE_HOURS: hoursFromEnv(24, 0.01, 24 * 60),
  EXPORT_READS_PER_MINUTE_PER_ADDRESS: integerFromEnv(120, 1, 1_000_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

// Connections a worker needs beside its syncs: the claim, the provider probes, the mail, channel, retention and export loops.
const WORKER_POOL_MARGIN = 6;

export type AppConfig = {
  env: "development" | "production" | "test";
  database: {
    url: string | undefined;
    copyTargetUrl: string | undefined;
    poolSize: number;
    pgliteDir: string;
    pglitePort: number;
    maintenanceMinutes: number;
    workerSharePercent: number;
  };
  /**
   * url: the public URL (links in e-mails, sign-in callbacks). origins: where a state change may come from; in
   * production NEXTAUTH_URL's alone, elsewhere also the loopback addresses the app listens on at PORT.
   */
  auth: {
    secret: string;
    url: string;
    origins: string[];
    loginMaxFailures: number;
    loginWindowMinutes: number;
    loginMaxDelayMs: number;
  };
  /** Requests one integration key may make per minute (429 past it). */
  apiKeys: { requestsPerMinute: number };
  /** How long an invitation's link lets its account choose a password. */
  invitations: { hours: number };
  passwordReset: { minutes: number };
  /**
   * Sign-in with the company's provider (OpenID Connect), for support and admins; null when OIDC_ISSUER is unset.
   * only: password sign-in is off for staff (OIDC_ONLY).
   */
  oidc: {
    issuer: string;
    clientId: string;
    clientSecret: string;
    allowedDomains: string[];
    label: string;
    only: boolean;
  } | null;
  /** Admins must enrol two-factor (TOTP) at their next sign-in. */
  totp: { requiredForAdmins: boolean };
  /** Forwarded headers (X-Forwarded-For, -Host, -Proto) are read only behind a proxy that sets them. */
  trustProxy: boolean;
  alerts: {
    escalationThreshold: number;
    hostNoticeAfterFailures: number;
    secondLevelEmail: string | undefined;
    unassignedMinutes: number;
  };
  /** The morning digest to SUPPORT_EMAIL: at this hour in this zone, once a day. */
  digest: { hour: number; timeZone: string };
  channels: { failingAfter: number };
  /**
   * Double bookings across a listing's feeds: detected after each import, told once both feeds were synced again and
   * confirmMinutes passed; a probable one further than notifyDays away e-mails nobody.
   */
  conflicts: { enabled: boolean; notifyDays: number; confirmMinutes: number };
  retention: { alertDays: number; syncRunDays: number; outboxDays: number };
  mail: { smtpUrl: string | undefined; supportEmail: string; supportLocale: Locale; from: string; dir: string };
  demo: { feedsBaseUrl: string; feedsPort: number };
  encryptionKey: Buffer;
  /** The key being rotated away from (APP_ENCRYPTION_KEY_PREVIOUS): read, never written. See docs/operations.md. */
  previousEncryptionKey: Buffer | undefined;
  fetch: { timeoutMs: number; connectTimeoutMs: number; maxBytes: number; allowHosts: string[] };
  sync: {
    concurrency: number;
    maxConcurrencyPerOwner: number;
    intervalMinutes: number;
    horizonMonths: number;
    emptyConfirmHours: number;
  };
  /** What one host may ask of the system: feeds per listing, link saves per hour, link checks at once. */
  hostLimits: { maxFeedsPerListing: number; linkSavesPerHour: number; linkChecksInFlight: number };
  /** The worker's pool: its concurrency plus room for claims, probes, the outbox and retention, unless set. */
  worker: {
    poolSize: number;
    metricsPort: number;
    metricsHost: string;
    parseOffThreadBytes: number;
    parseThreads: number;
    parseTimeLimitMs: number;
  };
  /** Bearer token a Prometheus scraper presents to GET /api/metrics (admins need none). */
  metricsToken: string | undefined;
  incidents: {
    enabled: boolean;
    windowMinutes: number;
    minFeeds: number;
    ratio: number;
    probeIntervalSeconds: number;
    recoveryProbes: number;
    maxConcurrencyPerProvider: number;
    /** Retry-After is believed up to this long; a feed's hint delays its owner's feeds, HOLD_MIN_OWNERS owners' the provider. */
    maxRetryAfterSeconds: number;
    holdMinOwners: number;
    /** Failing feeds count per owner, at most maxFeedsPerOwner each, and an incident needs minOwners owners failing. */
    minOwners: number;
    maxFeedsPerOwner: number;
  };
  exports: {
    graceDays: number;
    /** A link read once and unread this long raises EXPORT_NOT_READ; escalated after escalateHours. */
    staleHours: number;
    escalateHours: number;
    unknownTokensPerMinutePerAddress: number;
  };
  logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Parses an environment (process.env by default); throws ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = result.data;
  if (e.OIDC_ISSUER && (!e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET || e.OIDC_ALLOWED_DOMAINS.length === 0))
    throw new ConfigError(
      "Invalid configuration:\n  OIDC_ISSUER: needs OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_ALLOWED_DOMAINS (the company's e-mail domains)",
    );
  return {
    env: e.NODE_ENV,
    database: {
      url: e.DATABASE_URL,
      copyTargetUrl: e.TARGET_DATABASE_URL,
      poolSize: e.DATABASE_POOL_SIZE,
      pgliteDir: e.PGLITE_DIR,
      pglitePort: e.PGLITE_PORT,
      maintenanceMinutes: e.EMBEDDED_MAINTENANCE_MINUTES,
      workerSharePercent: e.EMBEDDED_WORKER_SHARE_PERCENT,
    },
    auth: {
      secret: e.NEXTAUTH_SECRET ?? developmentSecret(e.NODE_ENV, "nextauthSecret"),
      url: e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`,
      origins: allowedOrigins(e.NODE_ENV, e.NEXTAUTH_URL, e.PORT),
      loginMaxFailures: e.LOGIN_MAX_FAILURES,
      loginWindowMinutes: e.LOGIN_WINDOW_MINUTES,
      loginMaxDelayMs: e.LOGIN_MAX_DELAY_MS,
    },
    trustProxy: e.TRUST_PROXY,
    apiKeys: { requestsPerMinute: e.API_KEY_REQUESTS_PER_MINUTE },
    invitations: { hours: e.INVITATION_HOURS },
    passwordReset: { minutes: e.PASSWORD_RESET_MINUTES },
    oidc: e.OIDC_ISSUER
      ? {
          issuer: e.OIDC_ISSUER,
          clientId: e.OIDC_CLIENT_ID!,
          clientSecret: e.OIDC_CLIENT_SECRET!,
          allowedDomains: e.OIDC_ALLOWED_DOMAINS,
          label: e.OIDC_NAME,
          only: e.OIDC_ONLY,
        }
      : null,
    totp: { requiredForAdmins: e.TOTP_REQUIRED_FOR_ADMINS },
    alerts: {
      escalationThreshold: e.ALERT_ESCALATION_THRESHOLD,
      hostNoticeAfterFailures: e.HOST_NOTICE_AFTER_FAILURES,
      secondLevelEmail: e.ESCALATION_SECOND_LEVEL_EMAIL,
      unassignedMinutes: e.ESCALATION_UNASSIGNED_MINUTES,
    },
    digest: { hour: e.DIGEST_HOUR, timeZone: e.DIGEST_TIME_ZONE },
    channels: { failingAfter: e.NOTIFICATION_CHANNEL_FAILING_AFTER },
    conflicts: {
      enabled: e.BOOKING_CONFLICTS === "on",
      notifyDays: e.CONFLICT_NOTIFY_DAYS,
      confirmMinutes: e.CONFLICT_CONFIRM_MINUTES,
    },
    retention: {
      alertDays: e.ALERT_RETENTION_DAYS,
      syncRunDays: e.SYNC_RUN_RETENTION_DAYS,
      outboxDays: e.OUTBOX_RETENTION_DAYS,
    },
    mail: {
      smtpUrl: e.SMTP_URL,
      supportEmail: e.SUPPORT_EMAIL,
      supportLocale: e.SUPPORT_LOCALE,
      from: e.MAIL_FROM,
      dir: e.MAIL_DIR,
    },
    demo: { feedsBaseUrl: `http://127.0.0.1:${e.DEMO_FEEDS_PORT}`, feedsPort: e.DEMO_FEEDS_PORT },
    encryptionKey: Buffer.from(
      e.APP_ENCRYPTION_KEY ?? developmentSecret(e.NODE_ENV, "encryptionKey", 32, "base64"),
      "base64",
    ),
    previousEncryptionKey: e.APP_ENCRYPTION_KEY_PREVIOUS
      ? Buffer.from(e.APP_ENCRYPTION_KEY_PREVIOUS, "base64")
      : undefined,
    fetch: {
      timeoutMs: e.CALENDAR_FETCH_TIMEOUT_MS,
      connectTimeoutMs: e.CALENDAR_FETCH_CONNECT_TIMEOUT_MS,
      maxBytes: e.CALENDAR_FETCH_MAX_BYTES,
      allowHosts: e.CALENDAR_FETCH_ALLOW_HOSTS.split(",")
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    },
    sync: {
      concurrency: e.SYNC_CONCURRENCY,
      maxConcurrencyPerOwner: e.SYNC_MAX_CONCURRENCY_PER_OWNER,
      intervalMinutes: e.SYNC_INTERVAL_MINUTES,
      horizonMonths: e.SYNC_HORIZON_MONTHS,
      emptyConfirmHours: e.FEED_EMPTY_CONFIRM_HOURS,
    },
    hostLimits: {
      maxFeedsPerListing: e.CALENDAR_MAX_FEEDS_PER_LISTING,
      linkSavesPerHour: e.HOST_LINK_SAVES_PER_HOUR,
      linkChecksInFlight: e.HOST_LINK_CHECKS_IN_FLIGHT,
    },
    worker: {
      poolSize: e.WORKER_DATABASE_POOL_SIZE || e.SYNC_CONCURRENCY + WORKER_POOL_MARGIN,
      metricsPort: e.WORKER_METRICS_PORT,
      metricsHost: e.WORKER_METRICS_HOST,
      parseOffThreadBytes: e.PARSE_OFF_THREAD_BYTES,
      parseThreads: e.PARSE_THREADS,
      parseTimeLimitMs: e.PARSE_TIME_LIMIT_MS,
    },
    metricsToken: e.METRICS_TOKEN,
    incidents: {
      enabled: e.PROVIDER_INCIDENTS === "on",
      windowMinutes: e.PROVIDER_INCIDENT_WINDOW_MINUTES,
      minFeeds: e.PROVIDER_INCIDENT_MIN_FEEDS,
      ratio: e.PROVIDER_INCIDENT_RATIO,
      probeIntervalSeconds: e.PROVIDER_PROBE_INTERVAL_SECONDS,
      recoveryProbes: e.PROVIDER_RECOVERY_PROBES,
      maxConcurrencyPerProvider: e.PROVIDER_MAX_CONCURRENCY,
      maxRetryAfterSeconds: e.PROVIDER_MAX_RETRY_AFTER_SECONDS,
      holdMinOwners: e.PROVIDER_HOLD_MIN_OWNERS,
      minOwners: e.PROVIDER_INCIDENT_MIN_OWNERS,
      maxFeedsPerOwner: e.PROVIDER_INCIDENT_MAX_FEEDS_PER_OWNER,
    },
    exports: {
      graceDays: e.EXPORT_LINK_GRACE_DAYS,
      staleHours: e.EXPORT_STALE_HOURS,
      escalateHours: Math.max(e.EXPORT_ESCALATE_HOURS, e.EXPORT_STALE_HOURS),
      unknownTokensPerMinutePerAddress: e.EXPORT_READS_PER_MINUTE_PER_ADDRESS,
    },
    logLevel: e.LOG_LEVEL,
  };
}

function allowedOrigins(nodeEnv: string, publicUrl: string | undefined, port: number): string[] {
  if (nodeEnv === "production") {
    if (!publicUrl)
      throw new ConfigError("Invalid configuration:\n  NEXTAUTH_URL: required in production (the app's public URL)");
    return [new URL(publicUrl).origin];
  }
  const loopback = ["localhost", "127.0.0.1", "[::1]"].map((host) => `http://${host}:${port}`);
  return [...new Set([...(publicUrl ? [new URL(publicUrl).origin] : []), ...loopback])];
}

// Outside production a missing secret is generated once and kept under ./data so sessions survive restarts.
const SECRET_VARIABLES: Record<string, string> = {
  nextauthSecret: "NEXTAUTH_SECRET",
  encryptionKey: "APP_ENCRYPTION_KEY",
};

function developmentSecret(nodeEnv: string, name: string, bytes = 32, encoding: BufferEncoding = "base64url"): string {
  if (nodeEnv === "production") {
    throw new ConfigError(`Invalid configuration:\n  ${SECRET_VARIABLES[name] ?? name}: required in production`);
  }
  const file = path.resolve("data", "secrets.json");
  const secrets: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  if (!secrets[name]) {
    secrets[name] = randomBytes(bytes).toString(encoding);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets[name];
}

let cached: AppConfig | undefined;

export function getConfig(): AppConfig {
  cached ??= parseConfig();
  return cached;
}
