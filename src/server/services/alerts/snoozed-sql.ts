import { sql, type SQL } from "drizzle-orm";

/**
 * Whether an alert row is snoozed at `now` (an SQL time), as SQL: until its error changes, or until a time still
 * ahead. `row` names the alert table or its alias in the query. isSnoozed (snooze-alert.ts) is the same test on a
 * row already read.
 */
export function snoozedSql(row: string, now: SQL): SQL {
  const column = (name: string) => sql.raw(`${row}.${name}`);
  return sql`(${column("snoozed_until_change")} or coalesce(${column("snoozed_until")} > ${now}, false))`;
}
