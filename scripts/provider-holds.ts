// npm run provider:holds                      lists the providers that asked us to wait (Retry-After), per owner or provider-wide
// npm run provider:holds -- --clear PROVIDER  lifts one provider's hold (audited, as by the command line)
import { getConfig } from "../src/server/config";
import { clearProviderHoldByHand } from "../src/server/services/alerting/alerting.service";
import { listProviderHolds } from "../src/server/services/incidents/incidents.service";
import { flagValue, runMain, runWithDatabase } from "./lib";

runMain(async () => {
  const args = process.argv.slice(2);
  const clear = flagValue(args, "--clear");
  if (args.length > 0 && !clear) {
    console.error("Usage: npm run provider:holds [-- --clear PROVIDER]");
    return 2;
  }
  return runWithDatabase(async (ctx) => {
    if (clear) {
      const { hintsCleared } = await clearProviderHoldByHand(ctx, clear);
      console.log(`Cleared the hold on ${clear} (${hintsCleared} owner${hintsCleared > 1 ? "s" : ""} told to wait).`);
      return;
    }
    const holds = await listProviderHolds(ctx, { now: new Date(), minOwners: getConfig().incidents.holdMinOwners });
    if (holds.length === 0) console.log("No provider hold in force.");
    for (const hold of holds) {
      const scope = hold.providerWide
        ? `whole provider until ${hold.providerWideUntil!.toISOString()}`
        : "its owners' feeds only";
      console.log(
        `${hold.providerKey}: ${hold.owners} owner${hold.owners > 1 ? "s" : ""} told to wait, last until ${hold.until.toISOString()} (${scope})`,
      );
    }
  });
});
