import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import type { Database } from "./database";

/**
 * A hot-path statement written once as SQL text with $1…$n parameters. It skips drizzle's query building,
 * which took a quarter of the worker's thread, and on PostgreSQL it is prepared once per connection.
 */
export interface PreparedStatement {
  /** Unique per statement text: the server-side prepared statement's name. */
  name: string;
  text: string;
}

interface QueryablePool {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}
interface QueryableInstance {
  query(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

// Pools whose connections each have their own session. The embedded wire server shares one PGlite session
// between its clients, so two connections preparing the same name would collide there: its statements stay unnamed.
const sessionPerConnection = new WeakSet<object>();

export function allowNamedStatements(pool: object): void {
  sessionPerConnection.add(pool);
}

/** True when the database's connections each have their own session, so a statement can be prepared by name. */
export function namedStatementsAllowed(db: Database): boolean {
  const client = (db as unknown as { $client?: unknown }).$client;
  return client instanceof pg.Pool && sessionPerConnection.has(client);
}

export function preparedStatement(name: string, text: string): PreparedStatement {
  return { name, text };
}

/** Runs the statement on the database's driver directly; inside a transaction, through drizzle. Rows as the driver types them. */
export async function runPrepared<T>(db: Database, statement: PreparedStatement, values: unknown[]): Promise<T[]> {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client instanceof pg.Pool) {
    const name = sessionPerConnection.has(client) ? statement.name : undefined;
    return (await (client as unknown as QueryablePool).query({ name, text: statement.text, values })).rows as T[];
  }
  if (client && typeof (client as QueryableInstance).query === "function") {
    // PGlite in this process.
    return (await (client as QueryableInstance).query(statement.text, values)).rows as T[];
  }
  const result = (await db.execute(withParameters(statement.text, values))) as unknown as { rows: T[] };
  return result.rows;
}

/** The statement as a drizzle SQL (a transaction has no driver handle of its own). */
function withParameters(text: string, values: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  for (let index = 0; index < parts.length; index++) {
    chunks.push(index % 2 === 0 ? sql.raw(parts[index]!) : sql`${sql.param(values[Number(parts[index]) - 1])}`);
  }
  return sql.join(chunks);
}

/**
 * True on the embedded engine (PGlite in this process or through the wire server): one engine thread serves every
 * client, so a long statement makes everyone wait. Real PostgreSQL pools are the ones allowed named statements.
 */
export function isEmbeddedEngine(db: Database): boolean {
  return !namedStatementsAllowed(db);
}

/**
 * A statement composed with drizzle's `sql` (so it shares the schema's fragments) and compiled to text once, when
 * the module loads: the values it holds are constants, sent as its first parameters on every run.
 */
export interface CompiledStatement extends PreparedStatement {
  constants: unknown[];
}

export function compileStatement(name: string, statement: SQL): CompiledStatement {
  const { sql: text, params } = new PgDialect().sqlToQuery(statement);
  return { name, text, constants: params };
}

/**
 * A drizzle query run as a statement prepared by name where the engine allows it (PostgreSQL pools), so that
 * PostgreSQL plans it once per connection rather than on every request; elsewhere it runs as usual. `name` must be
 * unique per SQL text: name each shape of a query built from filters apart.
 */
export function executeNamed<T>(
  db: Database,
  name: string,
  query: PromiseLike<T> & { prepare(name: string): { execute(): Promise<T> } },
): Promise<T> {
  return namedStatementsAllowed(db) ? query.prepare(name).execute() : Promise.resolve(query);
}
