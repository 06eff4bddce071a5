// npm run user:create -- --email E --name N --role support   (password read from standard input)
import { createUser } from "../src/server/services/users/create-user";
import { flagValue, readStdinLine, runMain, runWithDatabase } from "./lib";

runMain(async () => {
  const args = process.argv.slice(2);
  if (args.some((arg) => arg === "--password" || arg.startsWith("--password="))) {
    console.error("The password is never accepted on the command line (it would stay in shell history): pipe it on standard input.");
    return 2;
  }
  const email = flagValue(args, "--email");
  const name = flagValue(args, "--name");
  const role = flagValue(args, "--role");
  if (!email || !name || !role) {
    console.error("Usage: npm run user:create -- --email E --name N --role host|support|admin  (password on standard input)");
    return 2;
  }
  const password = await readStdinLine("Mot de passe : ");
  return runWithDatabase(async (ctx) => {
    const user = await createUser(ctx, { email, name, role: role as never, password });
    console.log(`Created ${user.role} ${user.email} (${user.id}).`);
  });
});
