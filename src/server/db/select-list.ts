import { getTableColumns, type Table } from "drizzle-orm";

/**
 * A raw SQL select (or RETURNING) list of a table's columns, each aliased to its Drizzle field name: every column, or
 * the fields named, optionally qualified by a table alias. Derived from the schema, so a hand-written statement's
 * rows cannot drift from the type they are read as.
 */
export function selectList<T extends Table>(
  table: T,
  options: { fields?: ReadonlyArray<keyof T["_"]["columns"] & string>; alias?: string } = {},
): string {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const fields = options.fields ?? Object.keys(columns);
  const prefix = options.alias ? `${options.alias}.` : "";
  return fields.map((field) => `${prefix}"${columns[field]!.name}" as "${field}"`).join(", ");
}
