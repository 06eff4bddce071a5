// npm run user:disable -- --email E   (the account can no longer sign in; its open sessions end at once)
import { disableUser } from "../src/server/services/users/disable-user";
import { flagValue, runMain, runWithDatabase } from "./lib";

runMain(async () => {
  const email = flagValue(process.argv.slice(2), "--email");
  if (!email) {
    console.error("Usage: npm run user:disable -- --email E");
    return 2;
  }
  return runWithDatabase(async (ctx) => {
    const result = await disableUser(ctx, { email });
    console.log(
      result.alreadyDisabled
        ? `${result.email} was already disabled (${result.id}).`
        : `Disabled ${result.email} (${result.id}).`,
    );
  });
});
