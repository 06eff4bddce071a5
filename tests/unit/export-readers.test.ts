import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { exportReaderLabel, exportReaderOf, truncateAddress } from "@/server/shared/export-readers";
import { destinationOfIncidentKey, exportIncidentKey, providerDisplayName } from "@/server/shared/export-destinations";
import { etagMatches } from "@/server/services/exports/export-calendar";
import {
  alertEscalatedData,
  alertResolvedData,
  incidentData,
} from "@/server/services/notifications/channels/event-data";

describe("who reads an export link", () => {
  it("names the importers that announce themselves, and nobody else", () => {
    expect(exportReaderOf("Airbnb/1.0")).toBe("airbnb");
    expect(exportReaderOf("Mozilla/5.0 (compatible; Booking.com calendar sync)")).toBe("booking");
    expect(exportReaderOf("Google-Calendar-Importer")).toBe("google");
    expect(exportReaderOf("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)")).toBe("unknown");
    expect(exportReaderOf(null)).toBe("unknown");
    expect(exportReaderLabel("airbnb")).toBe("Airbnb");
    expect(exportReaderLabel("unknown")).toBe("un lecteur inconnu");
    expect(exportReaderLabel("made-up")).toBe("un lecteur inconnu");
  });

  it("keeps an address's network only: /24 for IPv4, /48 for IPv6, nothing for what is not an address", () => {
    expect(truncateAddress("203.0.113.77")).toBe("203.0.113.0/24");
    expect(truncateAddress("::ffff:198.51.100.9")).toBe("198.51.100.0/24");
    expect(truncateAddress("2001:db8:abcd:12:1:2:3:4")).toBe("2001:db8:abcd::/48");
    expect(truncateAddress("2001:db8::1")).toBe("2001:db8:0::/48");
    expect(truncateAddress("::1")).toBe("0:0:0::/48");
    expect(truncateAddress("300.1.1.1")).toBeNull();
    expect(truncateAddress("not an address")).toBeNull();
    expect(truncateAddress(null)).toBeNull();
    fc.assert(
      fc.property(fc.ipV4(), (address) => {
        const network = truncateAddress(address)!;
        expect(network.endsWith(".0/24")).toBe(true);
        expect(address.startsWith(network.slice(0, -"0/24".length))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.ipV6(), (address) => {
        const network = truncateAddress(address);
        if (network !== null) expect(network).toMatch(/^[0-9a-f]{1,4}:[0-9a-f]{1,4}:[0-9a-f]{1,4}::\/48$/);
      }),
    );
    fc.assert(fc.property(fc.string(), (junk) => void truncateAddress(junk)));
  });
});

describe("export incidents and validators", () => {
  it("keys an export incident apart from the import side's, and names it for support", () => {
    expect(exportIncidentKey("airbnb")).toBe("export:airbnb");
    expect(destinationOfIncidentKey("export:airbnb")).toBe("airbnb");
    expect(destinationOfIncidentKey("Airbnb")).toBeNull();
    expect(destinationOfIncidentKey("export:nowhere")).toBeNull();
    expect(providerDisplayName("export:booking")).toBe("Booking.com (export)");
    expect(providerDisplayName("Airbnb")).toBe("Airbnb");
  });

  it("matches If-None-Match lists, weak tags and *", () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc", "x"', '"abc"')).toBe(true);
    expect(etagMatches("*", '"abc"')).toBe(true);
    expect(etagMatches('"abcd"', '"abc"')).toBe(false);
    expect(etagMatches(null, '"abc"')).toBe(false);
  });
});

describe("channels hear which half of the sync an event is about", () => {
  it("puts the direction in alert.escalated, alert.resolved and incident payloads, import when older facts lack it", () => {
    const listing = { id: "l", title: "T" };
    const escalated = {
      id: "a",
      listing,
      errorType: "EXPORT_NOT_READ" as const,
      errorMessage: "m",
      failedAttempts: 2,
      escalationReason: null,
      firstFailedAt: "2027-01-01T00:00:00Z",
      lastFailedAt: "2027-01-01T00:00:00Z",
    };
    expect(alertEscalatedData({ ...escalated, direction: "export" }, "http://x").alert.direction).toBe("export");
    expect(alertEscalatedData(escalated, "http://x").alert.direction).toBe("import");
    const resolved = {
      id: "a",
      direction: "export" as const,
      listing,
      how: "recovery" as const,
      by: null,
      note: null,
      failedAttempts: 2,
      escalatedAt: "2027-01-01T00:00:00Z",
      resolvedAt: "2027-01-01T01:00:00Z",
    };
    expect(alertResolvedData(resolved, "http://x").alert.direction).toBe("export");
    const incident = {
      id: "i",
      providerKey: "export:airbnb",
      status: "open" as const,
      resolution: null,
      openedAt: "2027-01-01T00:00:00Z",
      resolvedAt: null,
      feedsFailing: 5,
      feedsSynced: 5,
      listingsFailing: 5,
      errorCounts: {},
    };
    expect(incidentData(incident, "http://x").incident.direction).toBe("export");
    expect(incidentData({ ...incident, providerKey: "Airbnb" }, "http://x").incident.direction).toBe("import");
  });
});
