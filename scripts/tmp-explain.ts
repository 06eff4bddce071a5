import { sql } from "drizzle-orm";
import { connectPostgres } from "../src/server/db/connect";
import { migratePostgres } from "../src/server/db/migrate";
import { buildAlertListQueries } from "../src/server/services/back-office/list-alerts";
import { seedAlertHistory, seedBenchListings } from "./bench/seed-alerts";
const url = "postgres://postgres@127.0.0.1:5432/pgh";
const handle = connectPostgres(url, 2);
const db = handle.db;
if (process.argv[2] === "seed") {
  await migratePostgres(url);
  const listings = await seedBenchListings(db, 1000);
  await seedAlertHistory(db, listings.length, 100_000);
  await db.execute(sql`analyze`);
}
const { rows, counts } = buildAlertListQueries(db, { limit: 50 });
for (const q of [rows, counts]) {
  const { sql: text, params } = q.toSQL();
  let t = text;
  params.forEach((p, i) => { t = t.replace(new RegExp(`\\$${i + 1}(?!\\d)`), typeof p === "number" ? String(p) : `'${String(p instanceof Date ? p.toISOString() : p)}'`); });
  console.log(t + ";\n");
}
await handle.close();
