// npm run db:copy-to -- postgres://user:pass@host:5432/empty_db: moves the embedded database (./data/pglite, PGLITE_DIR)
// to PostgreSQL, history included. Stop what serves the embedded database first (npm run dev, db:serve, the worker):
// the copy opens its directory itself so that nothing writes during it. The target must be an empty database.
import { getConfig } from "../src/server/config";
import { isPortServing, openPgliteDirectory } from "../src/server/db/connect";
import { copyEmbeddedToPostgres } from "../src/server/db/copy-embedded-to-postgres";
import { ValidationError } from "../src/server/errors";
import { runMain } from "./lib";

runMain(async () => {
  const targetUrl = process.argv.slice(2).find((arg) => /^postgres(ql)?:\/\//.test(arg));
  if (!targetUrl) throw new ValidationError("Usage : npm run db:copy-to -- postgres://utilisateur:motdepasse@hôte:5432/base_vide");
  const { database } = getConfig();
  if (await isPortServing(database.pglitePort)) throw new ValidationError(`La base embarquée est servie sur le port ${database.pglitePort} : arrêtez npm run dev, db:serve et les workers avant la copie.`);
  const { handle, instance } = await openPgliteDirectory(database.pgliteDir);
  try {
    const started = performance.now();
    const report = await copyEmbeddedToPostgres(instance, targetUrl, (line) => console.log(line));
    const rows = report.tables.reduce((sum, table) => sum + table.rows, 0);
    console.log(`Copied ${rows} rows in ${report.tables.length} tables (${report.sequences} sequences set) in ${((performance.now() - started) / 1000).toFixed(1)} s; every table's count verified.`);
    console.log("Next: set DATABASE_URL to this database (and keep APP_ENCRYPTION_KEY: feed URLs are encrypted with it).");
  } finally {
    await handle.close();
  }
});
