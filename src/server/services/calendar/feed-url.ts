import { and, asc, eq, gt, not, like } from "drizzle-orm";
import { z } from "zod";
import { calendarFeeds, type CalendarFeed } from "../../db/schema";
import {
  decryptWithCurrentOrPrevious,
  encryptSecret,
  fingerprintSecret,
  isEncrypted,
  tryDecryptSecret,
} from "../../crypto/secret-box";
import { maskFeedUrl } from "../../shared/mask-url";
import { providerKeyOf } from "./provider-key";
import type { ServiceContext } from "../../service-context";

/** A feed URL as a host pastes it: http(s), or webcal:// (which means https). No credentials inside. */
export const FeedUrlInput = z
  .string()
  .trim()
  .min(1, "L'URL du calendrier est obligatoire.")
  .max(2048, "L'URL est trop longue.")
  .transform((value, ctx) => {
    const normalised = value.replace(/^webcals?:\/\//i, "https://");
    let url: URL;
    try {
      url = new URL(normalised);
    } catch {
      ctx.addIssue({ code: "custom", message: "URL invalide." });
      return z.NEVER;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      ctx.addIssue({ code: "custom", message: "Seules les URL http(s) ou webcal sont acceptées." });
      return z.NEVER;
    }
    if (url.username || url.password) {
      ctx.addIssue({ code: "custom", message: "L'URL ne doit pas contenir d'identifiants." });
      return z.NEVER;
    }
    url.hash = "";
    return url.toString();
  });

export interface ProtectedFeedUrl {
  urlCiphertext: string;
  urlMasked: string;
  urlFingerprint: string;
  providerKey: string;
}

/** What is stored of a feed URL: its ciphertext, its masked form, its fingerprint and the provider it belongs to. */
export function protectFeedUrl(url: string, key: Buffer): ProtectedFeedUrl {
  return {
    urlCiphertext: encryptSecret(url, key),
    urlMasked: maskFeedUrl(url),
    urlFingerprint: fingerprintSecret(url, key),
    providerKey: providerKeyOf(url),
  };
}

/**
 * The feed's URL in clear, for fetching only; never log or return it. During a key rotation a URL still under the
 * previous key is read with it.
 */
export function revealFeedUrl(feed: Pick<CalendarFeed, "urlCiphertext">, key: Buffer, previousKey?: Buffer): string {
  if (!isEncrypted(feed.urlCiphertext)) return feed.urlCiphertext;
  return decryptWithCurrentOrPrevious(feed.urlCiphertext, key, previousKey);
}

/**
 * Step two of a key rotation: every feed URL still encrypted under `previousKey` is encrypted again under `key`,
 * its fingerprint recomputed. Idempotent (URLs already under `key` are left alone) and safe beside running
 * workers (each row is updated only if its ciphertext is still the one read). A URL that neither key opens is left
 * as it is and reported by feed id, so one damaged row cannot stop the rotation of the others.
 */
export async function reencryptFeedUrls(
  ctx: ServiceContext,
  input: { key: Buffer; previousKey: Buffer; batchSize?: number },
): Promise<{ reencrypted: number; unreadable: string[] }> {
  const { db } = ctx;
  const { key, previousKey, batchSize = 500 } = input;
  let reencrypted = 0;
  const unreadable: string[] = [];
  let after = "";
  for (;;) {
    const batch = await db
      .select({ id: calendarFeeds.id, urlCiphertext: calendarFeeds.urlCiphertext })
      .from(calendarFeeds)
      .where(and(gt(calendarFeeds.id, after), like(calendarFeeds.urlCiphertext, "v1:%")))
      .orderBy(asc(calendarFeeds.id))
      .limit(batchSize);
    if (batch.length === 0) return { reencrypted, unreadable };
    after = batch.at(-1)!.id;
    for (const feed of batch) {
      if (tryDecryptSecret(feed.urlCiphertext, key) !== null) continue;
      const url = tryDecryptSecret(feed.urlCiphertext, previousKey);
      if (url === null) {
        unreadable.push(feed.id);
        continue;
      }
      const { urlCiphertext, urlFingerprint } = protectFeedUrl(url, key);
      const updated = await db
        .update(calendarFeeds)
        .set({ urlCiphertext, urlFingerprint })
        .where(and(eq(calendarFeeds.id, feed.id), eq(calendarFeeds.urlCiphertext, feed.urlCiphertext)))
        .returning({ id: calendarFeeds.id });
      reencrypted += updated.length;
    }
  }
}

/** Encrypts URLs stored before encryption existed (migration 0003 copied them as they were). */
export async function encryptLegacyFeedUrls(ctx: ServiceContext, key: Buffer): Promise<number> {
  const { db } = ctx;
  const legacy = await db
    .select()
    .from(calendarFeeds)
    .where(not(like(calendarFeeds.urlCiphertext, "v1:%")));
  for (const feed of legacy) {
    await db
      .update(calendarFeeds)
      .set(protectFeedUrl(feed.urlCiphertext, key))
      .where(and(eq(calendarFeeds.id, feed.id), eq(calendarFeeds.urlCiphertext, feed.urlCiphertext)));
  }
  return legacy.length;
}
