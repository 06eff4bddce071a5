// npm run listings:import -- listings.csv [--dry-run]: the platform's first load from a file (`;` or `,` separated):
// externalId, title, city, timeZone, hostExternalId, hostEmail, hostName[, feedProvider, feedUrl]. Each listing with
// its host and feeds in one transaction, through the integration API's verbs; idempotent; a refused line is reported
// with its line number and does not stop the others. Exit code 1 when a line was refused.
import { readFileSync } from "node:fs";
import { importListingsFile, ImportFileError } from "../src/server/services/platform/import-listings-file";
import { runMain, runWithDatabase } from "./lib";

runMain(async () => {
  const args = process.argv.slice(2);
  const file = args.find((arg) => !arg.startsWith("--"));
  if (!file) {
    console.error("Usage: npm run listings:import -- listings.csv [--dry-run]");
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    console.error(`Fichier illisible : ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return 2;
  }
  const dryRun = args.includes("--dry-run");
  let refused = 0;
  const code = await runWithDatabase(async (ctx) => {
    try {
      const started = Date.now();
      const report = await importListingsFile(ctx, {
        text,
        dryRun,
        onListing: (done, index, total) => {
          if (done.outcome === "refusée")
            console.log(`refusée  ${done.externalId || "(sans identifiant)"} — ${done.reason}`);
          if (index % 100 === 0 || index === total) console.log(`${index}/${total} annonces traitées`);
        },
      });
      refused = report.summary.refusée;
      const { créée, modifiée, inchangée } = report.summary;
      const feeds = report.listings.reduce((sum, listing) => sum + listing.feedsAdded, 0);
      console.log(
        `${dryRun ? "Essai (rien n'est écrit) : " : ""}${report.listings.length} annonces en ${((Date.now() - started) / 1000).toFixed(1)} s — ${créée} créée(s), ${modifiée} modifiée(s), ${inchangée} inchangée(s), ${refused} refusée(s)${dryRun ? "" : `, ${feeds} calendrier(s) ajouté(s)`}.`,
      );
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      console.error(error.message);
      refused = -1;
    }
  });
  return code !== 0 ? code : refused === -1 ? 2 : refused > 0 ? 1 : 0;
});
