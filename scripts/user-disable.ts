// npm run user:disable -- --email E   (the account can no longer sign in; its open sessions end at once; its alerts go back to the queue)
import { disableUserByEmail } from "../src/server/services/team/team.service";
import { flagValue, runMain, runWithDatabase } from "./lib";

runMain(async () => {
  const email = flagValue(process.argv.slice(2), "--email");
  if (!email) {
    console.error("Usage: npm run user:disable -- --email E");
    return 2;
  }
  return runWithDatabase(async (ctx) => {
    const result = await disableUserByEmail(ctx, { email });
    console.log(
      result.changed
        ? `Disabled ${result.email} (${result.id}); ${result.releasedAlerts} open alert(s) back in the queue.`
        : `${result.email} was already disabled (${result.id}).`,
    );
  });
});
