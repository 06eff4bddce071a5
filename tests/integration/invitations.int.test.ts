import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, like } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeHostUser, makeSupportUser, makeUser } from "../helpers/factories";
import { apiRequest, readJson, routeContext, sessionCookieFor } from "../helpers/requests";
import { accountInvitations, emailOutbox, userSessions, users } from "@/server/db/schema";
import { systemContext } from "@/server/service-context";
import { createApiKey } from "@/server/services/api-keys/api-keys.service";
import { upsertListings } from "@/server/services/platform/platform.service";
import { authenticateUser, createUser, inviteAccount, openUserSession } from "@/server/services/users/users.service";
import { POST as v1InviteRoute } from "@/app/api/v1/hosts/[externalId]/invitation/route";
import { POST as adminInviteRoute } from "@/app/api/admin/users/[id]/invitation/route";
import { POST as inspectRoute } from "@/app/api/invitations/inspect/route";
import { POST as acceptRoute } from "@/app/api/invitations/accept/route";
import { POST as renewRoute } from "@/app/api/invitations/renew/route";

let testDb: TestDatabase;
let writer: string;
let reader: string;
beforeAll(async () => {
  testDb = await createTestDatabase();
  const cli = systemContext(testDb.db, "cli");
  writer = (await createApiKey(cli, { name: "Plateforme", scopes: ["listings:write"] })).key;
  reader = (await createApiKey(cli, { name: "Lecture", scopes: ["alerts:read"] })).key;
});
afterAll(() => testDb.close());
const db = () => testDb.db;

let seq = 0;
/** A host brought in by the platform: no password. */
async function platformHost() {
  const externalId = `HOST-${++seq}`;
  const email = `hote${seq}@hosts.example`;
  const [outcome] = await upsertListings(systemContext(db(), "cli"), [
    {
      externalId: `LIST-${seq}`,
      title: "Gîte des Vignes",
      city: "Beaune",
      timeZone: "Europe/Paris",
      host: { externalId, email, name: "Élise Moreau" },
    },
  ]);
  expect(outcome!.result).toBe("created");
  const [account] = await db().select().from(users).where(eq(users.externalId, externalId));
  return { externalId, email, account: account! };
}
const invite = async (externalId: string, key = writer) =>
  readJson(
    await v1InviteRoute(
      apiRequest(`/api/v1/hosts/${externalId}/invitation`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}` },
      }),
      routeContext({ externalId }),
    ),
  );
const tokenOf = async (userId: string) => {
  const [account] = await db().select().from(users).where(eq(users.id, userId));
  const mails = await db().select().from(emailOutbox).where(eq(emailOutbox.recipient, account!.email));
  const last = mails.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).at(-1)!;
  return /\/invitation#([A-Za-z0-9_-]{43})/.exec(last.textBody)![1]!;
};
const inspect = async (token: string) =>
  readJson(await inspectRoute(apiRequest("/api/invitations/inspect", { method: "POST", body: { token } })));
const accept = async (token: string, password: string) =>
  readJson(await acceptRoute(apiRequest("/api/invitations/accept", { method: "POST", body: { token, password } })));

describe("hosts invited to choose their password", () => {
  it("a platform host has no password and cannot sign in until invited", async () => {
    const { account, email } = await platformHost();
    expect(account.passwordHash).toBeNull();
    expect(await authenticateUser(testDb.ctx, { email, password: "", wait: async () => undefined })).toBeNull();
    expect(
      await authenticateUser(testDb.ctx, { email, password: "anything-at-all-1", wait: async () => undefined }),
    ).toBeNull();
  });

  it("sends one e-mail through the outbox with a single-use link, stored hashed; the page's password signs in; the link then says it was used", async () => {
    const { externalId, email, account } = await platformHost();
    const sent = await invite(externalId);
    expect(sent).toMatchObject({ status: 201, body: { data: { userId: account.id, email } } });
    const mails = await db().select().from(emailOutbox).where(like(emailOutbox.dedupeKey, "invitation:%"));
    const mine = mails.filter((mail) => mail.recipient === email);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toBe("Choisissez votre mot de passe pour suivre vos calendriers");
    const token = await tokenOf(account.id);
    const [stored] = await db().select().from(accountInvitations).where(eq(accountInvitations.userId, account.id));
    expect(stored!.tokenHash).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await inspect(token)).toMatchObject({
      status: 200,
      body: { data: { state: "valid", email, name: "Élise Moreau", role: "host" } },
    });
    expect(await accept(token, "court")).toMatchObject({
      status: 422,
      body: { error: { details: [{ path: "password" }] } },
    });
    expect(await accept(token, `${email.split("@")[0]}-calendriers`)).toMatchObject({
      status: 422,
      body: { error: { message: expect.stringContaining("ni votre adresse") } },
    });
    expect(await accept(token, "moreau-2027-calendriers")).toMatchObject({ status: 422 });
    const session = await openUserSession(testDb.ctx, {
      userId: account.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    expect(await accept(token, "Lavande et thym 2027")).toMatchObject({
      status: 200,
      body: { data: { email, role: "host" } },
    });
    expect(
      await authenticateUser(testDb.ctx, { email, password: "Lavande et thym 2027", wait: async () => undefined }),
    ).toMatchObject({ id: account.id, role: "host" });
    const [revoked] = await db().select().from(userSessions).where(eq(userSessions.id, session));
    expect(revoked!.revokedAt).not.toBeNull();
    expect(await inspect(token)).toMatchObject({ body: { data: { state: "used" } } });
    expect(await accept(token, "Un autre mot de passe 9")).toMatchObject({
      status: 409,
      body: { error: { details: { state: "used" } } },
    });
    expect(await invite(externalId)).toMatchObject({ status: 409 });
  });

  it("a newer invitation replaces the previous one; an expired link says so", async () => {
    const { externalId, account } = await platformHost();
    await invite(externalId);
    const first = await tokenOf(account.id);
    await invite(externalId);
    const second = await tokenOf(account.id);
    expect(second).not.toBe(first);
    expect(await inspect(first)).toMatchObject({ body: { data: { state: "replaced" } } });
    expect(await accept(first, "Lavande et thym 2027")).toMatchObject({
      status: 409,
      body: { error: { details: { state: "replaced" } } },
    });
    await db()
      .update(accountInvitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accountInvitations.userId, account.id));
    expect(await inspect(second)).toMatchObject({ body: { data: { state: "expired" } } });
    expect(await inspect("x".repeat(43))).toMatchObject({ body: { data: { state: "unknown" } } });
    expect(await inspect("not a token")).toMatchObject({ body: { data: { state: "unknown" } } });
  });

  it("lets an expired link ask for a new one, to the same address, at most once a quarter of an hour; never from a used or valid link", async () => {
    const { externalId, email, account } = await platformHost();
    await invite(externalId);
    const first = await tokenOf(account.id);
    const renew = async (token: string) =>
      readJson(await renewRoute(apiRequest("/api/invitations/renew", { method: "POST", body: { token } })));
    const sentTo = async () => (await db().select().from(emailOutbox).where(eq(emailOutbox.recipient, email))).length;
    // Still valid: nothing sent (the page shows the form).
    expect(await renew(first)).toMatchObject({ status: 200, body: { data: { requested: true } } });
    expect(await sentTo()).toBe(1);
    // Expired, and the invitation older than a quarter of an hour: a new link, the old one replaced.
    const past = new Date(Date.now() - 20 * 60_000);
    await db()
      .update(accountInvitations)
      .set({ expiresAt: new Date(Date.now() - 1000), createdAt: past })
      .where(eq(accountInvitations.userId, account.id));
    expect((await renew(first)).status).toBe(200);
    expect(await sentTo()).toBe(2);
    const second = await tokenOf(account.id);
    expect(await inspect(second)).toMatchObject({ body: { data: { state: "valid" } } });
    expect(await inspect(first)).toMatchObject({ body: { data: { state: "replaced" } } });
    // Asked again at once: the same answer, no third e-mail.
    expect((await renew(first)).status).toBe(200);
    expect(await sentTo()).toBe(2);
    // An unknown token answers alike.
    expect(await renew("y".repeat(43))).toMatchObject({ status: 200, body: { data: { requested: true } } });
    await accept(second, "Lavande et thym 2027");
    await db().update(accountInvitations).set({ createdAt: past }).where(eq(accountInvitations.userId, account.id));
    expect((await renew(first)).status).toBe(200);
    expect(await sentTo()).toBe(2);
  });

  it("refuses without a key (401), a key without listings:write (403), an unknown host (404); admins invite from « Intégrations », support cannot", async () => {
    const { externalId, account } = await platformHost();
    expect(
      (
        await readJson(
          await v1InviteRoute(
            apiRequest(`/api/v1/hosts/${externalId}/invitation`, { method: "POST" }),
            routeContext({ externalId }),
          ),
        )
      ).status,
    ).toBe(401);
    expect(await invite(externalId, reader)).toMatchObject({
      status: 403,
      body: { error: { details: { missingScope: "listings:write" } } },
    });
    expect((await invite("NOBODY")).status).toBe(404);
    // A NUL in the path is refused before it reaches PostgreSQL (which refuses NUL in text: it was a 500 there).
    expect((await invite("\u0000")).status).toBe(404);
    const call = async (cookie?: string) =>
      readJson(
        await adminInviteRoute(
          apiRequest(`/api/admin/users/${account.id}/invitation`, { method: "POST", cookie }),
          routeContext({ id: account.id }),
        ),
      );
    expect((await call()).status).toBe(401);
    expect((await call(await sessionCookieFor(await makeSupportUser(db())))).status).toBe(403);
    expect((await call(await sessionCookieFor(await makeUser(db(), "admin")))).status).toBe(201);
    const withPassword = await makeHostUser(db());
    expect(
      (
        await readJson(
          await adminInviteRoute(
            apiRequest(`/api/admin/users/${withPassword.id}/invitation`, {
              method: "POST",
              cookie: await sessionCookieFor(await makeUser(db(), "admin")),
            }),
            routeContext({ id: withPassword.id }),
          ),
        )
      ).status,
    ).toBe(409);
    // The public routes keep the same-origin rule of every state change.
    const crossSite = await acceptRoute(
      apiRequest("/api/invitations/accept", {
        method: "POST",
        body: { token: "x", password: "y" },
        headers: { "sec-fetch-site": "cross-site" },
      }),
    );
    expect(crossSite.status).toBe(403);
  });

  it("invites a support account made without a password (user:create --invite), to the back-office", async () => {
    const cli = systemContext(db(), "cli");
    const agent = await createUser(cli, {
      email: "nouvel.agent@support.example",
      name: "Nouvel Agent",
      role: "support",
    });
    expect(agent).not.toHaveProperty("passwordHash");
    await inviteAccount(cli, { userId: agent.id });
    const token = await tokenOf(agent.id);
    const [mail] = await db()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.recipient, "nouvel.agent@support.example"));
    expect(mail!.subject).toBe("Votre accès au back-office des alertes de calendriers");
    expect(await accept(token, "Lavande et thym 2027")).toMatchObject({
      status: 200,
      body: { data: { role: "support" } },
    });
  });
});
