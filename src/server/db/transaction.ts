import { PgTransaction } from "drizzle-orm/pg-core";
import type { Database, Transaction } from "./database";
import { getDb } from "./client";

export interface ServiceContext {
  db?: Database;
}

export async function resolveDb(ctx?: ServiceContext): Promise<Database> {
  return ctx?.db ?? (await getDb());
}

/** Runs fn in a transaction, reusing the caller's transaction when there is one instead of nesting. */
export async function withTransaction<T>(ctx: ServiceContext | undefined, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  const db = await resolveDb(ctx);
  if (db instanceof PgTransaction) return fn(db as Transaction);
  return db.transaction((tx) => fn(tx as Transaction));
}
