import { describe, expect, it } from "vitest";
import { alertPageFilters } from "@/server/services/read-models/read-models.service";

describe("the alerts page's filters, read from its query string", () => {
  it("falls back to each default on a bad or missing value, and keeps the first of a repeated one", () => {
    const { values, input, cursor } = alertPageFilters({
      status: "everything",
      assignee: ["none", "me"],
      q: "x".repeat(300),
      from: "2026-13",
      to: "2026-12-06",
      sort: "newest",
    });
    expect(values).toEqual({
      status: "open",
      assignee: "none",
      q: "x".repeat(200),
      errorType: "",
      provider: "",
      from: "",
      to: "2026-12-06",
      sort: "attempts",
    });
    expect(input).toMatchObject({ status: "open", assignee: "none", to: "2026-12-06T23:59:59.999Z", sort: "attempts" });
    expect(input.from).toBeUndefined();
    expect(cursor).toBeUndefined();
  });

  it("selects what the form shows: days as whole UTC days, an unknown error code kept for listAlerts to refuse", () => {
    const { input, cursor } = alertPageFilters({
      status: "resolved",
      errorType: "NOT_A_CODE",
      from: "2026-11-01",
      provider: "Airbnb",
      cursor: "abc",
    });
    expect(input).toEqual({
      status: "resolved",
      assignee: undefined,
      q: undefined,
      errorType: "NOT_A_CODE",
      provider: "Airbnb",
      from: "2026-11-01T00:00:00.000Z",
      to: undefined,
      sort: "attempts",
    });
    expect(cursor).toBe("abc");
  });
});
