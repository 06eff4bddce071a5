import { createId } from "@paralleldrive/cuid2";
import { text, timestamp } from "drizzle-orm/pg-core";

export const idColumn = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => createId());

/** timestamptz read as a JS Date: every time column of the schema. */
export const timestampColumn = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const timestamps = {
  createdAt: timestampColumn("created_at").notNull().defaultNow(),
  updatedAt: timestampColumn("updated_at")
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};
