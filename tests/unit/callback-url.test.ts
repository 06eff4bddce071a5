import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/server/auth/callback-url";

const APP = "http://localhost:3000";

describe("safeCallbackPath", () => {
  it("keeps a path on the app, with its query", () => {
    expect(safeCallbackPath("/admin/alerts/calendar-sync/abc", APP)).toBe("/admin/alerts/calendar-sync/abc");
    expect(safeCallbackPath("/admin/alerts/calendar-sync?status=all&q=x", APP)).toBe(
      "/admin/alerts/calendar-sync?status=all&q=x",
    );
  });

  it("falls back to the home page (which sends each role where it belongs) for anything the browser would read as another host", () => {
    for (const attack of [
      "/\\evil.example/x",
      "/\t/evil.example/x",
      "//evil.example/x",
      "/\\/evil.example",
      "https://evil.example/",
      "/\n/evil.example",
      "\\\\evil.example",
      "/.//evil.example/x",
      "/a/..//evil.example",
      "javascript:alert(1)",
      "",
    ]) {
      expect(safeCallbackPath(attack, APP)).toBe("/");
    }
    expect(safeCallbackPath(undefined, APP)).toBe("/");
    expect(safeCallbackPath(["/admin/x"], APP)).toBe("/");
  });

  it("always returns a path that the URL parser resolves onto the app's origin", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (tail) => {
        const path = safeCallbackPath(`/${tail}`, APP);
        expect(new URL(path, APP).origin).toBe(APP);
        expect(path.startsWith("/")).toBe(true);
        expect(path.startsWith("//")).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });
});
