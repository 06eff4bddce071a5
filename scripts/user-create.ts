// npm run user:create -- --email E --name N --role support   (password read from standard input)
// npm run user:create -- --email E --name N --role support --invite   (no password: an invitation e-mail instead)
import { createUser } from "../src/server/services/users/create-user";
import { inviteAccount } from "../src/server/services/users/users.service";
import { inTransaction } from "../src/server/service-context";
import { flagValue, readStdinLine, runMain, runWithDatabase } from "./lib";

runMain(async () => {
  const args = process.argv.slice(2);
  if (args.some((arg) => arg === "--password" || arg.startsWith("--password="))) {
    console.error(
      "The password is never accepted on the command line (it would stay in shell history): pipe it on standard input.",
    );
    return 2;
  }
  const email = flagValue(args, "--email");
  const name = flagValue(args, "--name");
  const role = flagValue(args, "--role");
  if (!email || !name || !role) {
    console.error(
      "Usage: npm run user:create -- --email E --name N --role host|support|admin [--invite]  (password on standard input, or --invite)",
    );
    return 2;
  }
  if (args.includes("--invite")) {
    // One transaction: an account is never left without a password and without its invitation.
    return runWithDatabase((ctx) =>
      inTransaction(ctx, async (tx) => {
        const user = await createUser(tx, { email, name, role: role as never });
        const invitation = await inviteAccount(tx, { userId: user.id });
        console.log(
          `Created ${user.role} ${user.email} (${user.id}) without a password; invitation queued, valid until ${invitation.expiresAt} (the worker sends it).`,
        );
      }),
    );
  }
  const password = await readStdinLine("Mot de passe : ");
  return runWithDatabase(async (ctx) => {
    const user = await createUser(ctx, { email, name, role: role as never, password });
    console.log(`Created ${user.role} ${user.email} (${user.id}).`);
  });
});
