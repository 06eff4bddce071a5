import { describe, expect, it } from "vitest";
import { nextSyncAt } from "@/server/services/calendar/sync/next-sync-at";
import { isBlockedAddress } from "@/server/shared/address-guard";

const now = new Date("2026-11-25T12:00:00Z");
const noJitter = () => 0.5;
const minutesLater = (date: Date) => (date.getTime() - now.getTime()) / 60_000;

describe("next sync time", () => {
  it("waits the interval after a success", () => {
    expect(minutesLater(nextSyncAt(now, "success", 0, 15, undefined, noJitter))).toBe(15);
  });

  it("retries failures sooner, doubling, capped at the interval", () => {
    expect(
      [1, 2, 3, 4, 5, 9].map((failures) => minutesLater(nextSyncAt(now, "failure", failures, 15, undefined, noJitter))),
    ).toEqual([1, 2, 4, 8, 15, 15]);
  });

  it("honours a longer Retry-After", () => {
    expect(minutesLater(nextSyncAt(now, "failure", 1, 15, 600, noJitter))).toBe(10);
  });

  it("spreads feeds with ±10 % jitter", () => {
    expect(minutesLater(nextSyncAt(now, "success", 0, 10, undefined, () => 0))).toBe(9);
    expect(minutesLater(nextSyncAt(now, "success", 0, 10, undefined, () => 1))).toBe(11);
  });
});

describe("SSRF address guard", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.20.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "::1",
    "fd00::1",
    "fe80::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "::7f00:1",
    "::ffff:7f00:1",
    "::ffff:0:7f00:1",
    "::ffff:0:a00:1",
  ])("blocks %s", (address) => expect(isBlockedAddress(address)).toBe(true));

  it.each([new URL("http://[::127.0.0.1]/").hostname, new URL("http://[::ffff:0:7f00:1]/").hostname])(
    "blocks %s, a loopback address as a URL writes it",
    (hostname) => expect(isBlockedAddress(hostname.replace(/^\[|\]$/g, ""))).toBe(true),
  );

  it.each(["93.184.216.34", "2606:4700:4700::1111", "8.8.8.8"])("lets %s through", (address) =>
    expect(isBlockedAddress(address)).toBe(false),
  );
});
