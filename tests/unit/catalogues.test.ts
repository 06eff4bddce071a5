import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IntlMessageFormat } from "intl-messageformat";
import { negotiateLocale } from "@/i18n/locales";
import { formatMessage, MESSAGE_KEYS } from "@/server/shared/messages";
import type { Catalogue } from "@/i18n/translator";

const CATALOGUE_DIR = path.resolve("src/i18n/catalogue");
const SRC = path.resolve("src");

/** Every area's catalogue, as its index file exports it (`export const xCatalogue = { fr, en }`). */
const areas: Array<{ file: string; name: string; catalogue: Catalogue<string> }> = [];
for (const file of readdirSync(CATALOGUE_DIR).filter((name) => name.endsWith(".ts"))) {
  const exported = (await import(path.join(CATALOGUE_DIR, file))) as Record<string, Catalogue<string>>;
  for (const [name, catalogue] of Object.entries(exported)) areas.push({ file, name, catalogue });
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) return full === CATALOGUE_DIR ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry) ? [full] : [];
  });
}
const sources = sourceFiles(SRC).map((file) => ({ file, text: readFileSync(file, "utf8") }));

/** The source files a file imports (`@/…` and relative specifiers), as absolute paths. */
function importsOf(file: string, text: string): string[] {
  return [...text.matchAll(/from "([^"]+)"/g)].flatMap(([, specifier = ""]) => {
    const base = specifier.startsWith("@/")
      ? path.join(SRC, specifier.slice(2))
      : specifier.startsWith(".")
        ? path.resolve(path.dirname(file), specifier)
        : null;
    return base ? [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")] : [];
  });
}

type Element = { type: number; value?: unknown; options?: Record<string, { value: Element[] }> };
/** The names of a message's arguments, read from ICU's own syntax tree (select and plural branches included). */
function argumentsOf(message: string): Set<string> {
  const names = new Set<string>();
  const walk = (elements: Element[]) => {
    for (const element of elements) {
      if (element.type >= 1 && element.type <= 6 && typeof element.value === "string") names.add(element.value);
      for (const option of Object.values(element.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, "fr").getAst() as Element[]);
  return names;
}
/** Values for every argument a message takes: numbers for plural and select-free ones, words for selects. */
function sampleValues(message: string, count: number): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const name of argumentsOf(message)) values[name] = count;
  for (const match of message.matchAll(/\{(\w+),\s*select/g)) values[match[1]!] = "other";
  return values;
}

describe("the catalogues, area by area", () => {
  it("are found: every index file of src/i18n/catalogue exports one", () => {
    expect(areas.length).toBeGreaterThanOrEqual(15);
    for (const area of areas) expect(Object.keys(area.catalogue).sort(), area.file).toEqual(["en", "fr"]);
  });

  it.each(areas.map((area) => [area.name, area] as const))(
    "%s: the same keys in French and English, each an ICU message with the same arguments",
    (_name, { catalogue }) => {
      expect(Object.keys(catalogue.en).sort()).toEqual(Object.keys(catalogue.fr).sort());
      for (const key of Object.keys(catalogue.fr)) {
        for (const locale of ["fr", "en"] as const) {
          const message = catalogue[locale][key]!;
          expect(message.trim(), `${locale}:${key}`).not.toBe("");
          if (message.includes("{"))
            expect(() => new IntlMessageFormat(message, locale), `${locale}:${key}`).not.toThrow();
          // A message without an argument is shown as written: ICU's doubled apostrophe would show twice.
          else expect(message, `${locale}:${key}`).not.toContain("''");
        }
        expect(argumentsOf(catalogue.en[key]!), key).toEqual(argumentsOf(catalogue.fr[key]!));
      }
    },
  );

  it.each(areas.map((area) => [area.name, area] as const))(
    "%s: every plural says 0, 1 and 2 in both languages, with no « (s) » and no brace left",
    (_name, { catalogue }) => {
      for (const key of Object.keys(catalogue.fr)) {
        for (const locale of ["fr", "en"] as const) {
          const message = catalogue[locale][key]!;
          if (!message.includes("plural")) continue;
          for (const count of [0, 1, 2]) {
            const text = String(new IntlMessageFormat(message, locale).format(sampleValues(message, count)));
            expect(text, `${locale}:${key}:${count}`).not.toMatch(/\(s\)|[{}]/);
            if (locale === "en") expect(text, `${key}:${count}`).not.toMatch(/\b1 \p{L}+s\b/u);
          }
        }
      }
    },
  );

  it.each(areas.map((area) => [area.name, area] as const))("%s: every key is used", (name, { catalogue }) => {
    // The files that say this area's messages: those naming its catalogue (formatMessage for the counts), and those
    // importing one of them (a component handed a translator by its page's helpers).
    const naming = sources.filter(({ text }) =>
      name === "countsCatalogue" ? text.includes("formatMessage(") : text.includes(name),
    );
    const namingFiles = new Set(naming.map(({ file }) => file));
    const readers = sources.filter(
      ({ file, text }) => namingFiles.has(file) || importsOf(file, text).some((target) => namingFiles.has(target)),
    );
    expect(readers.length, name).toBeGreaterThan(0);
    const used = (key: string) =>
      readers.some(
        ({ text }) =>
          text.includes(`"${key}"`) ||
          // A key built from a code (`label.${type}`): its prefix as a template.
          (key.includes(".") && text.includes(`\`${key.slice(0, key.lastIndexOf(".") + 1)}\${`)),
      );
    expect(
      Object.keys(catalogue.fr).filter((key) => !used(key)),
      name,
    ).toEqual([]);
  });
});

describe("the counts' messages", () => {
  it("say « 1 night », « 2 nights », « 1 failed attempt » in English", () => {
    expect(formatMessage("nights", { count: 1 }, "en")).toBe("1 night");
    expect(formatMessage("nights", { count: 2 }, "en")).toBe("2 nights");
    expect(formatMessage("failedAttempts", { count: 1 }, "en")).toBe("1 failed attempt");
    expect(formatMessage("failures", { count: 0 }, "en")).toBe("no failure");
    expect(formatMessage("nights", { count: 2 })).toBe("2 nuits");
  });

  it.each(MESSAGE_KEYS)("%s agrees in number in English", (key) => {
    for (const count of [0, 1, 2]) {
      const text = formatMessage(key, { count, total: count, peak: count, day: "6 Dec" }, "en");
      expect(text).not.toMatch(/\b[02] (?:night|failure|listing|alert|attempt|arrival|delivery|period)\b/);
    }
  });
});

describe("a browser's language (Accept-Language)", () => {
  it("takes the highest-weighted language we speak, French when none", () => {
    expect(negotiateLocale("en-US,en;q=0.9,fr;q=0.8")).toBe("en");
    expect(negotiateLocale("de-DE,de;q=0.9,en;q=0.5,fr;q=0.7")).toBe("fr");
    expect(negotiateLocale("pt-PT, en;q=0.4")).toBe("en");
    expect(negotiateLocale("es, de")).toBe("fr");
    expect(negotiateLocale("en;q=0, fr")).toBe("fr");
    expect(negotiateLocale("")).toBe("fr");
    expect(negotiateLocale(null)).toBe("fr");
    expect(negotiateLocale(";;;q=x,,en;q=abc")).toBe("en");
  });
});
