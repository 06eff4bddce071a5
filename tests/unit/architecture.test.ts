import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Data flows one way (sync → decide → record → notify): these are the arrows between the service areas.
const SERVICES = path.resolve("src/server/services");

function filesOf(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    return statSync(full).isDirectory() ? filesOf(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

function areaImports(): Map<string, Set<string>> {
  const arrows = new Map<string, Set<string>>();
  for (const area of readdirSync(SERVICES).filter((name) => statSync(path.join(SERVICES, name)).isDirectory())) {
    const targets = new Set<string>();
    for (const file of filesOf(path.join(SERVICES, area))) {
      // Relative and `@/` imports alike (the `@/` ones were missed before).
      for (const match of readFileSync(file, "utf8").matchAll(/from "(\.[^"]+|@\/[^"]+)"/g)) {
        const specifier = match[1]!;
        const resolved = specifier.startsWith("@/")
          ? path.resolve("src", specifier.slice(2))
          : path.resolve(path.dirname(file), specifier);
        const target = path.relative(SERVICES, resolved);
        const targetArea = target.startsWith("..") ? null : target.split(path.sep)[0]!;
        if (targetArea && targetArea !== area && !targetArea.endsWith(".ts")) targets.add(targetArea);
      }
    }
    arrows.set(area, targets);
  }
  return arrows;
}

describe("service areas", () => {
  const arrows = areaImports();

  it("each has one index file, named after it (the story's module keeps the story's name)", () => {
    for (const area of arrows.keys()) {
      const index = area === "support" ? "alert.service.ts" : `${area}.service.ts`;
      expect(
        readdirSync(path.join(SERVICES, area)).filter((name) => name.endsWith(".service.ts")),
        area,
      ).toEqual([index]);
    }
  });

  it("the alert store imports no other area but the audit and the accounts (an alert's owner): it records and counts", () => {
    expect([...arrows.get("alerts")!].filter((area) => area !== "audit" && area !== "users")).toEqual([]);
  });

  it("the story's module only names verbs of the policy, the store and the read models, and no area imports it", () => {
    expect([...arrows.get("support")!].sort()).toEqual(["alerting", "alerts", "read-models", "users"]);
    expect([...arrows.entries()].filter(([, targets]) => targets.has("support")).map(([area]) => area)).toEqual([]);
  });

  it("no two areas import each other, and no longer cycle exists", () => {
    const visit = (area: string, trail: string[]): string[] | null => {
      if (trail.includes(area)) return [...trail, area];
      for (const next of arrows.get(area) ?? []) {
        const cycle = visit(next, [...trail, area]);
        if (cycle) return cycle;
      }
      return null;
    };
    for (const area of arrows.keys()) expect(visit(area, []), `cycle from ${area}`).toBeNull();
  });

  it("the sync engine hands its outcome to the policy with two verbs: recordSyncOutcome, then afterSyncCommitted", () => {
    const named = new Set<string>();
    for (const file of filesOf(path.join(SERVICES, "calendar"))) {
      for (const match of readFileSync(file, "utf8").matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
        const specifier = match[2]!;
        const resolved = specifier.startsWith("@/")
          ? path.resolve("src", specifier.slice(2))
          : specifier.startsWith(".")
            ? path.resolve(path.dirname(file), specifier)
            : null;
        if (resolved && path.relative(SERVICES, resolved).startsWith(`alerting${path.sep}`))
          for (const name of match[1]!.split(",")) if (name.trim()) named.add(name.trim());
      }
    }
    expect([...named].sort()).toEqual(["afterSyncCommitted", "recordSyncOutcome"]);
  });

  it("sync reaches the alert store only through the alerting policy", () => {
    expect(arrows.get("calendar")!.has("alerts")).toBe(false);
    expect(arrows.get("calendar")!.has("support")).toBe(false);
    expect(arrows.get("calendar")!.has("notifications")).toBe(false);
    expect(arrows.get("alerting")!.has("calendar")).toBe(false);
  });
});
