// npm run keys:rotate: step two of rotating APP_ENCRYPTION_KEY (docs/operations.md). With the new key in
// APP_ENCRYPTION_KEY and the old one in APP_ENCRYPTION_KEY_PREVIOUS, re-encrypts every stored feed URL under the new
// key. Safe to run while the app and the workers run, and to run again.
import { getConfig } from "../src/server/config";
import { reencryptFeedUrls } from "../src/server/services/calendar/feed-url";
import { reencryptChannelSecrets } from "../src/server/services/notifications/notifications.service";
import { reencryptExportTokens } from "../src/server/services/exports/exports.service";
import { ValidationError } from "../src/server/errors";
import { reencryptTotpSecrets } from "../src/server/services/users/users.service";
import { runMain, runWithDatabase } from "./lib";

runMain(() =>
  runWithDatabase(async (ctx) => {
    const { encryptionKey, previousEncryptionKey } = getConfig();
    if (!previousEncryptionKey)
      throw new ValidationError("APP_ENCRYPTION_KEY_PREVIOUS n'est pas défini : aucune clé à remplacer.");
    const { reencrypted, unreadable } = await reencryptFeedUrls(ctx, {
      key: encryptionKey,
      previousKey: previousEncryptionKey,
    });
    console.log(`${reencrypted} feed URL(s) re-encrypted under the current key.`);
    const channels = await reencryptChannelSecrets(ctx, { key: encryptionKey, previousKey: previousEncryptionKey });
    console.log(
      `${channels.reencrypted} notification channel(s) re-encrypted under the current key (URLs and webhook secrets).`,
    );
    const exportTokens = await reencryptExportTokens(ctx, { key: encryptionKey, previousKey: previousEncryptionKey });
    console.log(`${exportTokens.reencrypted} export link(s) re-encrypted under the current key.`);
    const totp = await reencryptTotpSecrets(ctx, { key: encryptionKey, previousKey: previousEncryptionKey });
    console.log(`${totp.reencrypted} two-factor secret(s) re-encrypted under the current key.`);
    if (totp.unreadable.length > 0)
      throw new ValidationError(
        `${totp.unreadable.length} secret(s) de double authentification illisible(s) avec l'une et l'autre clé (ces comptes doivent se réinscrire) : ${totp.unreadable.join(", ")}`,
      );
    if (exportTokens.unreadable.length > 0)
      throw new ValidationError(
        `${exportTokens.unreadable.length} lien(s) d'export illisible(s) avec l'une et l'autre clé (« Régénérer » les remplace) : ${exportTokens.unreadable.join(", ")}`,
      );
    if (channels.unreadable.length > 0)
      throw new ValidationError(
        `${channels.unreadable.length} canal(aux) de notification illisible(s) avec l'une et l'autre clé : ${channels.unreadable.join(", ")}`,
      );
    // Feed ids only: these rows hold a URL that neither key opens; their hosts must paste their links again.
    if (unreadable.length > 0)
      throw new ValidationError(
        `${unreadable.length} URL(s) de flux illisibles avec l'une et l'autre clé, laissées telles quelles : ${unreadable.join(", ")}`,
      );
    console.log("APP_ENCRYPTION_KEY_PREVIOUS can now be removed.");
  }),
);
