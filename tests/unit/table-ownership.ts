import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface Ownership {
  /** Table → the area that owns it. */
  owners: Record<string, string>;
  /** Areas whose files may read every table (read models, the retention sweep). */
  readEverything: string[];
  /** `file: table` crossings still in the tree, each with its reason. */
  declared: Record<string, string>;
}

export interface Table {
  /** The SQL name. */
  name: string;
  /** The schema's export, the query builder's name for it. */
  ident: string;
}

export function tablesOf(schemaDirectory: string): Table[] {
  return readdirSync(schemaDirectory).flatMap((file) =>
    [
      ...readFileSync(path.join(schemaDirectory, file), "utf8").matchAll(/export const (\w+) = pgTable\(\s*"(\w+)"/g),
    ].map((match) => ({ ident: match[1]!, name: match[2]! })),
  );
}

const withoutComments = (text: string) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "")
    .replace(/\s--\s.*$/gm, "")
    .replace(/\s\/\/\s.*$/gm, "");

/** The tables a file names: in SQL after a keyword that reads or writes one, or imported from the schema. */
function tablesNamed(text: string, tables: Table[]): string[] {
  const code = withoutComments(text);
  const imported = new Set<string>();
  for (const match of code.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*"[^"]*db\/schema[^"]*"/g)) {
    for (const name of match[1]!.split(",")) imported.add(name.trim().split(/\s+as\s+/)[0]!);
  }
  return tables
    .filter(
      ({ name, ident }) =>
        imported.has(ident) || new RegExp(`\\b(from|join|into|update|table)\\s+"?${name}\\b`, "i").test(code),
    )
    .map(({ name }) => name);
}

/** Every `file names table (owned by area)` that the map does not allow. */
export function crossingsOf(
  files: Array<{ file: string; text: string }>,
  ownership: Ownership,
  tables: Table[],
): string[] {
  const crossings: string[] = [];
  for (const { file, text } of files) {
    const area = file.split(path.sep)[0]!;
    if (ownership.readEverything.includes(area) || path.basename(file).startsWith("read-")) continue;
    for (const table of tablesNamed(text, tables)) {
      const owner = ownership.owners[table];
      if (owner === area) continue;
      if (`${file.split(path.sep).join("/")}: ${table}` in ownership.declared) continue;
      crossings.push(`${file} names ${table} (owned by ${owner})`);
    }
  }
  return crossings;
}
