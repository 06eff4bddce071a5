// npm run user:disable -- --email E   (the account can no longer sign in; its sessions end within SESSION_REFRESH_SECONDS)
import { closeDb, getDb } from "../src/server/db/client";
import { AppError } from "../src/server/errors";
import { disableUser } from "../src/server/services/users/disable-user";
import { flagValue, runMain } from "./lib";

runMain(async () => {
  const email = flagValue(process.argv.slice(2), "--email");
  if (!email) {
    console.error("Usage: npm run user:disable -- --email E");
    return 2;
  }
  try {
    const result = await disableUser({ email }, { db: await getDb() });
    console.log(result.alreadyDisabled ? `${result.email} was already disabled (${result.id}).` : `Disabled ${result.email} (${result.id}).`);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    console.error(`Error: ${error.message}`);
    return 1;
  } finally {
    await closeDb();
  }
});
