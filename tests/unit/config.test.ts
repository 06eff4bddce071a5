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
    expect(() => parseConfig({ ...base, ALERT_ESCALATION_THRESHOLD: value })).toThrowError(/ALERT_ESCALATION_THRESHOLD/);
  });

  it("requires NEXTAUTH_SECRET in production", () => {
    expect(() => parseConfig({ NODE_ENV: "production" })).toThrowError(/NEXTAUTH_SECRET/);
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
