// npm run api-key:create -- --name "Plateforme" --scopes listings:write,reservations:write [--expires 2027-12-31T00:00:00Z]
// Prints the key once: it is stored hashed, and nobody can read it again.
import { createApiKey } from "../src/server/services/api-keys/api-keys.service";
import { API_KEY_SCOPES } from "../src/server/db/schema";
import { flagValue, runMain, runWithDatabase } from "./lib";

runMain(async () => {
  const args = process.argv.slice(2);
  const name = flagValue(args, "--name");
  const scopes = flagValue(args, "--scopes")
    ?.split(",")
    .map((scope) => scope.trim())
    .filter(Boolean);
  const expiresAt = flagValue(args, "--expires");
  if (!name || !scopes?.length) {
    console.error(
      `Usage: npm run api-key:create -- --name N --scopes ${API_KEY_SCOPES.join(",")} [--expires ISO-8601]`,
    );
    return 2;
  }
  return runWithDatabase(async (ctx) => {
    const created = await createApiKey(ctx, { name, scopes: scopes as never, ...(expiresAt ? { expiresAt } : {}) });
    console.error(
      `Created API key « ${created.name} » (${created.scopes.join(", ")}), id ${created.id}. It is shown once, below: keep it in a secret store.`,
    );
    console.log(created.key);
  });
});
