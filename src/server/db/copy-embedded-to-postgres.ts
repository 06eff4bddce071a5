import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { PGlite } from "@electric-sql/pglite";
import { migratePostgres } from "./migrate";

export interface CopyReport {
  tables: Array<{ table: string; rows: number }>;
  sequences: number;
}

export class CopyRefusedError extends Error {}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The public tables, parents before children (foreign keys), so that each COPY finds the rows it references. */
async function tablesInDependencyOrder(source: PGlite): Promise<string[]> {
  const tables = (
    await source.query<{ name: string }>(
      `select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
    )
  ).rows.map((row) => row.name);
  const edges = (
    await source.query<{ child: string; parent: string }>(
      `select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
       from pg_constraint c join pg_namespace n on n.oid = c.connamespace
       where c.contype = 'f' and n.nspname = 'public' and c.conrelid <> c.confrelid`,
    )
  ).rows;
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visit = (table: string, path: Set<string>) => {
    if (placed.has(table) || path.has(table)) return;
    path.add(table);
    for (const edge of edges) if (edge.child.replace(/"/g, "") === table) visit(edge.parent.replace(/"/g, ""), path);
    placed.add(table);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

async function columnsOf(source: PGlite, table: string): Promise<string[]> {
  const rows = await source.query<{ name: string }>(
    `select column_name as name from information_schema.columns where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER' order by ordinal_position`,
    [table],
  );
  return rows.rows.map((row) => row.name);
}

/**
 * Copies an embedded database into an empty PostgreSQL database: the schema by our migrations, then every table's rows
 * with COPY (text format, columns named), parents first; then each serial column's sequence set past its largest value;
 * then each table's rows counted on both sides. Refuses a target that holds any table. Values are copied as stored:
 * feed URLs stay encrypted under the same APP_ENCRYPTION_KEY.
 */
export async function copyEmbeddedToPostgres(
  source: PGlite,
  targetUrl: string,
  log: (line: string) => void = () => undefined,
): Promise<CopyReport> {
  const target = new pg.Client({ connectionString: targetUrl });
  await target.connect();
  try {
    const existing = await target.query<{ count: number }>(
      `select count(*)::int as count from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')`,
    );
    if (Number(existing.rows[0]!.count) > 0)
      throw new CopyRefusedError(
        "La base cible n'est pas vide : la copie demande une base PostgreSQL sans aucune table.",
      );
  } finally {
    await target.end();
  }
  await migratePostgres(targetUrl);
  log("schema: migrations applied on the target");
  const client = new pg.Client({ connectionString: targetUrl });
  await client.connect();
  const report: CopyReport = { tables: [], sequences: 0 };
  try {
    await client.query("begin");
    // The migrations' own bookkeeping was written by migratePostgres; the data tables start empty.
    for (const table of await tablesInDependencyOrder(source)) {
      const columns = (await columnsOf(source, table)).map(quote).join(", ");
      const exported = await source.query(`copy ${quote(table)} (${columns}) to '/dev/blob'`);
      const blob = exported.blob;
      const bytes = blob ? Buffer.from(await blob.arrayBuffer()) : Buffer.alloc(0);
      if (bytes.length > 0)
        await pipeline(Readable.from([bytes]), client.query(copyFrom(`copy ${quote(table)} (${columns}) from stdin`)));
      const [sourceCount, targetCount] = await Promise.all([
        source.query<{ count: number }>(`select count(*)::int as count from ${quote(table)}`),
        client.query<{ count: number }>(`select count(*)::int as count from ${quote(table)}`),
      ]);
      const rows = Number(sourceCount.rows[0]!.count);
      if (Number(targetCount.rows[0]!.count) !== rows)
        throw new Error(`${table}: ${rows} rows in the embedded database, ${targetCount.rows[0]!.count} copied`);
      report.tables.push({ table, rows });
      log(`${table}: ${rows} rows`);
    }
    const serials = await client.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns where table_schema = 'public' and column_default like 'nextval(%'`,
    );
    for (const { table_name: table, column_name: column } of serials.rows) {
      await client.query(
        `select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${quote(column)}) from ${quote(table)}), 0) + 1, false)`,
        [`public.${quote(table)}`, column],
      );
      report.sequences++;
    }
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return report;
}
