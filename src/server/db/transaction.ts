import { PgTransaction } from "drizzle-orm/pg-core";
import type { Database, Transaction } from "./database";

/** Runs fn in a transaction, reusing the caller's transaction when there is one instead of nesting. */
export async function withTransaction<T>(ctx: { db: Database }, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  if (ctx.db instanceof PgTransaction) return fn(ctx.db as Transaction);
  return ctx.db.transaction((tx) => fn(tx as Transaction));
}
