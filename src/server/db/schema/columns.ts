import { newId } from "../new-id";
import { text, timestamp } from "drizzle-orm/pg-core";

export const idColumn = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => newId());

/** timestamptz read as a JS Date: every time column of the schema. */
export const timestampColumn = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const timestamps = {
  createdAt: timestampColumn("created_at").notNull().defaultNow(),
  updatedAt: timestampColumn("updated_at")
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};
