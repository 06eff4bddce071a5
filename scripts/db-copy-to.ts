// TARGET_DATABASE_URL=postgres://user:pass@host:5432/empty_db npm run db:copy-to (or the URL on standard input): moves
// the embedded database (./data/pglite, PGLITE_DIR) to PostgreSQL, history included. Never on the command line: ps and
// npm's echo of the command would show its password. Stop what serves the embedded database first (npm run dev, db:serve, the worker):
// the copy opens its directory itself so that nothing writes during it. The target must be an empty database.
import { getConfig } from "../src/server/config";
import { isPortServing, openPgliteDirectory } from "../src/server/db/connect";
import { copyEmbeddedToPostgres } from "../src/server/db/copy-embedded-to-postgres";
import { ValidationError } from "../src/server/errors";
import { readStdinLine, runMain } from "./lib";

const USAGE =
  "Usage : TARGET_DATABASE_URL=postgres://utilisateur:motdepasse@hôte:5432/base_vide npm run db:copy-to (ou l'URL sur l'entrée standard)";

runMain(async () => {
  if (process.argv.slice(2).some((arg) => /^postgres(ql)?:\/\//.test(arg))) {
    console.error(
      "The target URL is never accepted on the command line (ps and npm show it, password included): set TARGET_DATABASE_URL or pipe it on standard input.",
    );
    return 2;
  }
  const { database } = getConfig();
  const targetUrl = database.copyTargetUrl ?? (await readStdinLine("URL de la base PostgreSQL cible : ")).trim();
  if (!/^postgres(ql)?:\/\//.test(targetUrl)) throw new ValidationError(USAGE);
  if (await isPortServing(database.pglitePort))
    throw new ValidationError(
      `La base embarquée est servie sur le port ${database.pglitePort} : arrêtez npm run dev, db:serve et les workers avant la copie.`,
    );
  const { handle, instance } = await openPgliteDirectory(database.pgliteDir);
  try {
    const started = performance.now();
    const report = await copyEmbeddedToPostgres(instance, targetUrl, (line) => console.log(line));
    const rows = report.tables.reduce((sum, table) => sum + table.rows, 0);
    console.log(
      `Copied ${rows} rows in ${report.tables.length} tables (${report.sequences} sequences set) in ${((performance.now() - started) / 1000).toFixed(1)} s; every table's count verified.`,
    );
    console.log(
      "Next: set DATABASE_URL to this database (and keep APP_ENCRYPTION_KEY: feed URLs are encrypted with it).",
    );
  } finally {
    await handle.close();
  }
});
