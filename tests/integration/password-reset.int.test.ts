import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { desc, eq, inArray, like } from "drizzle-orm";
import { auditLogs, emailOutbox, passwordResets, userSessions } from "@/server/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeHostUser, makeSupportUser } from "../helpers/factories";
import { apiRequest, readJson } from "../helpers/requests";
import { countStatements } from "../helpers/count-statements";
import { authenticateUser, openUserSession } from "@/server/services/users/users.service";
import {
  completePasswordReset,
  inspectPasswordReset,
  requestPasswordReset,
} from "@/server/services/users/users.service";
import { POST as requestRoute } from "@/app/api/password-reset/route";
import { POST as inspectRoute } from "@/app/api/password-reset/inspect/route";
import { POST as completeRoute } from "@/app/api/password-reset/complete/route";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());
const db = () => testDb.db;

/** The reset e-mail to `recipient` for its newest link (by the link's creation), and its token. */
async function lastLink(recipient: string) {
  const mails = (await db().select().from(emailOutbox).where(like(emailOutbox.dedupeKey, "password-reset:%"))).filter(
    (row) => row.recipient === recipient,
  );
  const [newest] = await db()
    .select()
    .from(passwordResets)
    .where(
      inArray(
        passwordResets.id,
        mails.map((mail) => mail.dedupeKey.slice("password-reset:".length)),
      ),
    )
    .orderBy(desc(passwordResets.createdAt))
    .limit(1);
  const mail = mails.find((row) => row.dedupeKey === `password-reset:${newest!.id}`)!;
  const link = /http:\/\/localhost:3000\/reinitialiser#([A-Za-z0-9_-]{43})/.exec(mail.textBody)!;
  return { mail, token: link[1]! };
}

describe("« Mot de passe oublié »", () => {
  it("answers the same, with the same single statement, for a known and an unknown address; e-mails the known one", async () => {
    const agent = await makeSupportUser(db());
    let address = 1;
    const ask = async (email: string) => {
      const { result, statements } = await countStatements(db(), () =>
        requestPasswordReset(testDb.ctx, { email, clientAddress: `127.0.1.${address++}` }),
      );
      return { result, statements };
    };
    const known = await ask(agent.email.toUpperCase());
    const unknown = await ask("personne@example.com");
    expect(known.result).toEqual(unknown.result);
    expect(known.statements).toBe(unknown.statements);
    const { mail, token } = await lastLink(agent.email);
    expect(mail).toMatchObject({ kind: "account.password_reset", subject: "Réinitialiser votre mot de passe" });
    expect(mail.textBody).toContain("valable jusqu'au");
    expect(mail.textBody).not.toContain(agent.name);
    expect(await db().select().from(emailOutbox).where(eq(emailOutbox.recipient, "personne@example.com"))).toEqual([]);
    // Stored hashed: the token itself is in no row but the e-mail.
    const [row] = await db().select().from(passwordResets).where(eq(passwordResets.userId, agent.id));
    expect(row!.tokenHash).not.toContain(token);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(30 * 60_000);
    expect(await inspectPasswordReset(testDb.ctx, { token })).toEqual({ state: "valid", email: agent.email });
  });

  it("sets the password once, ends every session of the account, and the link is then used; a newer link replaces an older", async () => {
    const host = await makeHostUser(db());
    const now = new Date();
    await requestPasswordReset(testDb.ctx, { email: host.email, clientAddress: "127.0.2.1", now });
    const first = await lastLink(host.email);
    await requestPasswordReset(testDb.ctx, {
      email: host.email,
      clientAddress: "127.0.2.1",
      now: new Date(now.getTime() + 1_000),
    });
    const second = await lastLink(host.email);
    expect(await inspectPasswordReset(testDb.ctx, { token: first.token })).toEqual({ state: "replaced" });
    const session = await openUserSession(testDb.ctx, {
      userId: host.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    await expect(completePasswordReset(testDb.ctx, { token: second.token, password: "court" })).rejects.toMatchObject({
      code: "UNPROCESSABLE",
    });
    expect(
      await completePasswordReset(testDb.ctx, { token: second.token, password: "un-nouveau-mot-de-passe-2027" }),
    ).toEqual({
      email: host.email,
    });
    const [ended] = await db().select().from(userSessions).where(eq(userSessions.id, session));
    expect(ended!.revokedAt).not.toBeNull();
    expect(
      await authenticateUser(testDb.ctx, { email: host.email, password: "un-nouveau-mot-de-passe-2027" }),
    ).toMatchObject({
      id: host.id,
    });
    await expect(
      completePasswordReset(testDb.ctx, { token: second.token, password: "encore-un-autre-2027" }),
    ).rejects.toMatchObject({ code: "CONFLICT", details: { state: "used" } });
    const audits = await db().select().from(auditLogs).where(eq(auditLogs.entityId, host.id));
    expect(audits.map((row) => row.action)).toEqual(
      expect.arrayContaining(["user.password_reset_requested", "user.password_reset"]),
    );
  });

  it("refuses an expired link, and a disabled account's", async () => {
    const agent = await makeSupportUser(db());
    const then = new Date(Date.now() - 31 * 60_000);
    await requestPasswordReset(testDb.ctx, { email: agent.email, clientAddress: "127.0.3.1", now: then });
    const { token } = await lastLink(agent.email);
    expect(await inspectPasswordReset(testDb.ctx, { token })).toEqual({ state: "expired" });
    await expect(
      completePasswordReset(testDb.ctx, { token, password: "un-nouveau-mot-de-passe-2027" }),
    ).rejects.toMatchObject({ details: { state: "expired" } });
    expect(await inspectPasswordReset(testDb.ctx, { token: "x".repeat(43) })).toEqual({ state: "unknown" });
  });

  it("is throttled like sign-in: an address asking too often gets 429 with Retry-After, another address does not", async () => {
    const post = (body: unknown, address: string) =>
      requestRoute(
        apiRequest("/api/password-reset", {
          method: "POST",
          body,
          origin: "http://localhost:3000",
          headers: { "x-forwarded-for": address },
        }),
      );
    for (let i = 0; i < 10; i++) expect((await post({ email: `a${i}@example.com` }, "127.0.4.1")).status).toBe(202);
    const refused = await post({ email: "b@example.com" }, "127.0.4.1");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await readJson(refused)).body.error.code).toBe("TOO_SOON");
    expect((await post({ email: "b@example.com" }, "127.0.4.2")).status).toBe(202);
    expect((await post({ nope: 1 }, "127.0.4.3")).status).toBe(400);
    expect(
      (
        await readJson(
          await inspectRoute(
            apiRequest("/api/password-reset/inspect", {
              method: "POST",
              body: { token: "z" },
              origin: "http://localhost:3000",
            }),
          ),
        )
      ).body.data,
    ).toEqual({ state: "unknown" });
    expect(
      (
        await completeRoute(
          apiRequest("/api/password-reset/complete", {
            method: "POST",
            body: { token: "z", password: "p" },
            origin: "http://localhost:3000",
          }),
        )
      ).status,
    ).toBe(409);
  });
});
