import { sql, type SQL } from "drizzle-orm";

/**
 * A list of strings as one parameter, for `= any(${textList(values)})` (a subquery of its values): the drivers differ in how they send arrays, and spreading the
 * values would make one parameter each (a batch of 1,000 items is past what a statement should carry).
 */
export function textList(values: readonly string[]): SQL {
  return sql`select value from json_array_elements_text(${JSON.stringify(values)}::json)`;
}
