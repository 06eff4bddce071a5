import type { Database, Transaction } from "./db/database";
import { getDb } from "./db/client";
import { withTransaction } from "./db/transaction";
import { systemActor, type Actor, type SystemActor } from "./actor";

/**
 * The first argument of every service: the database (or the caller's transaction) to work on and who acts.
 * It is always passed, never defaulted: a write meant for a caller's transaction must not escape to the global
 * database, and a read must know its viewer.
 */
export interface ServiceContext<D extends Database = Database> {
  db: D;
  actor: Actor;
}

/** A context whose database is a transaction, for the verbs that must run inside their caller's. */
export type TransactionContext = ServiceContext<Transaction>;

/** The context of a request, a page, the worker or a script: the process's database, acting as `actor`. */
export async function contextFor(actor: Actor): Promise<ServiceContext> {
  return { db: await getDb(), actor };
}

/** Runs fn in a transaction, reusing the caller's when ctx already holds one, with the same actor. */
export async function inTransaction<T>(ctx: ServiceContext, fn: (tx: TransactionContext) => Promise<T>): Promise<T> {
  return withTransaction(ctx, (tx) => fn({ db: tx, actor: ctx.actor }));
}

/** The worker's (or a script's) context on a database it already holds. */
export function systemContext(db: Database, name: SystemActor["name"] = "worker"): ServiceContext {
  return { db, actor: systemActor(name) };
}
