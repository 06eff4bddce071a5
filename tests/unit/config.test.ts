import { strictTransportSecurity } from "@/server/http/strict-transport";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/server/config";

const base = { NODE_ENV: "test", NEXTAUTH_SECRET: "s" } as const;

describe("configuration", () => {
  it("defaults the escalation threshold to 3", () => {
    expect(parseConfig(base).alerts.escalationThreshold).toBe(3);
  });

  it("reads a configured threshold", () => {
    expect(parseConfig({ ...base, ALERT_ESCALATION_THRESHOLD: "5" }).alerts.escalationThreshold).toBe(5);
  });

  it.each(["0", "abc", "2.5", "-1"])("refuses threshold %s with a message naming the variable", (value) => {
    expect(() => parseConfig({ ...base, ALERT_ESCALATION_THRESHOLD: value })).toThrowError(ConfigError);
    expect(() => parseConfig({ ...base, ALERT_ESCALATION_THRESHOLD: value })).toThrowError(
      /ALERT_ESCALATION_THRESHOLD/,
    );
  });

  it("requires NEXTAUTH_SECRET in production", () => {
    expect(() => parseConfig({ NODE_ENV: "production" })).toThrowError(/NEXTAUTH_SECRET/);
  });

  it("requires NEXTAUTH_URL in production, where it is the only origin allowed to change state", () => {
    const production = {
      NODE_ENV: "production",
      NEXTAUTH_SECRET: "s",
      APP_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
    };
    expect(() => parseConfig(production)).toThrowError(/NEXTAUTH_URL/);
    expect(parseConfig({ ...production, NEXTAUTH_URL: "https://support.example.fr/app" }).auth.origins).toEqual([
      "https://support.example.fr",
    ]);
  });

  it("accepts, in development, the loopback addresses the app listens on at PORT", () => {
    const dev = parseConfig({ ...base, NODE_ENV: "development", PORT: "3456" });
    expect(dev.auth.url).toBe("http://localhost:3456");
    expect(dev.auth.origins).toEqual(["http://localhost:3456", "http://127.0.0.1:3456", "http://[::1]:3456"]);
    const declared = parseConfig({ ...base, NODE_ENV: "development", NEXTAUTH_URL: "http://demo.test:8080" });
    expect(declared.auth.origins).toEqual([
      "http://demo.test:8080",
      "http://localhost:3000",
      "http://127.0.0.1:3000",
      "http://[::1]:3000",
    ]);
  });

  it("uses PostgreSQL only when DATABASE_URL is a postgres URL", () => {
    expect(parseConfig(base).database.url).toBeUndefined();
    expect(parseConfig({ ...base, DATABASE_URL: "postgres://u@h/db" }).database.url).toBe("postgres://u@h/db");
    expect(() => parseConfig({ ...base, DATABASE_URL: "mysql://u@h/db" })).toThrowError(/DATABASE_URL/);
  });
});

describe("Strict-Transport-Security", () => {
  it("is sent when NEXTAUTH_URL is https, and never over plain http", () => {
    expect(strictTransportSecurity("https://support.example.fr")).toBe("max-age=31536000; includeSubDomains");
    expect(strictTransportSecurity("HTTPS://support.example.fr:8443/base")).toBe("max-age=31536000; includeSubDomains");
    expect(strictTransportSecurity("http://localhost:3000")).toBeNull();
  });
});
