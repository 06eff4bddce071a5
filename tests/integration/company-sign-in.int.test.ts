import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { generateSecret } from "otplib";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeUser, FACTORY_PASSWORD } from "../helpers/factories";
import { apiRequest, routeContext } from "../helpers/requests";
import { startOidcProvider, type TestOidcProvider } from "../helpers/oidc-provider";
import { callNextAuth, CookieJar, signInAtProvider } from "../helpers/oidc-flow";
import { accountInvitations, users, userSessions } from "@/server/db/schema";
import { getConfig } from "@/server/config";
import { encryptSecret } from "@/server/crypto/secret-box";
import { buildAuthOptions } from "@/server/auth/options";
import { authenticateUser, inviteTeamMember, PasswordSignInDisabledError } from "@/server/services/users/users.service";
import { GET as meRoute } from "@/app/api/admin/me/route";

let testDb: TestDatabase;
let provider: TestOidcProvider;
beforeAll(async () => {
  testDb = await createTestDatabase();
  provider = await startOidcProvider({ redirectUris: ["http://localhost:3000/api/auth/callback/oidc"] });
  getConfig().oidc = {
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    allowedDomains: ["entreprise.example"],
    label: "Entreprise SSO",
    only: false,
  };
});
afterAll(async () => {
  getConfig().oidc = null;
  await provider.stop();
  await testDb.close();
});
const db = () => testDb.db;
let seq = 0;

/** A person at the provider, with the claims it vouches for. */
function identity(email: string, options: { verified?: boolean; name?: string } = {}) {
  const sub = `person-${++seq}`;
  provider.identities.set(sub, { email, email_verified: options.verified ?? true, name: options.name ?? "Personne" });
  return sub;
}

/** The whole code flow, as a browser makes it: « Se connecter avec … », the provider's login page, the callback. */
async function companySignIn(sub: string) {
  const options = buildAuthOptions();
  const jar = new CookieJar();
  const csrf = await callNextAuth(options, jar, { method: "GET", action: "csrf" });
  const { csrfToken } = csrf.body as { csrfToken: string };
  const started = await callNextAuth(options, jar, {
    method: "POST",
    action: "signin",
    providerId: "oidc",
    body: { csrfToken, callbackUrl: "http://localhost:3000/admin" },
  });
  const authorize = new URL(started.location!);
  const back = await signInAtProvider(authorize.href, sub);
  const callback = await callNextAuth(options, jar, {
    method: "GET",
    action: "callback",
    providerId: "oidc",
    query: Object.fromEntries(back.searchParams),
  });
  const session = jar.cookies.get("next-auth.session-token");
  return { authorize, back, callback, cookie: session ? `next-auth.session-token=${session}` : null, options, jar };
}
const me = async (cookie: string) => (await meRoute(apiRequest("/api/admin/me", { cookie }), routeContext({}))).status;

describe("« Se connecter avec … » through a real local provider (oidc-provider)", () => {
  it("signs an agent in by the code flow with PKCE (S256), state and nonce; the identity is bound to the account and the session is marked oidc", async () => {
    const agent = await makeUser(db(), "support", { email: `nadia.${seq}@entreprise.example` });
    const sub = identity(agent.email.toUpperCase());
    const flow = await companySignIn(sub);
    expect(flow.authorize.origin).toBe(provider.issuer);
    expect(flow.authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(flow.authorize.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(flow.authorize.searchParams.get("state")).toBeTruthy();
    expect(flow.authorize.searchParams.get("nonce")).toBeTruthy();
    expect(flow.back.searchParams.get("code")).toBeTruthy();
    expect(flow.callback.location).toBe("http://localhost:3000/admin");
    expect(flow.cookie).not.toBeNull();
    expect(await me(flow.cookie!)).toBe(200);
    const [account] = await db().select().from(users).where(eq(users.id, agent.id));
    expect(account!.oidcSubject).toBe(`${provider.issuer}|${sub}`);
    const sessions = await db().select().from(userSessions).where(eq(userSessions.userId, agent.id));
    expect(sessions.map((session) => session.method)).toEqual(["oidc"]);
  });

  it("refuses a callback without the browser that started it: no state, PKCE verifier or nonce cookie, no session", async () => {
    const agent = await makeUser(db(), "support", { email: `replay.${seq}@entreprise.example` });
    const flow = await companySignIn(identity(agent.email));
    const replay = await callNextAuth(flow.options, new CookieJar(), {
      method: "GET",
      action: "callback",
      providerId: "oidc",
      query: Object.fromEntries(flow.back.searchParams),
    });
    expect(replay.location).toContain("error=");
  });

  it("makes an invited member active at the first sign-in; its link is replaced", async () => {
    const admin = await makeUser(db(), "admin");
    const email = `invitee.${seq}@entreprise.example`;
    const sent = await inviteTeamMember(
      { db: db(), actor: admin },
      {
        name: "Invitée",
        email,
        role: "support",
      },
    );
    const flow = await companySignIn(identity(email));
    expect(await me(flow.cookie!)).toBe(200);
    const [invitation] = await db().select().from(accountInvitations).where(eq(accountInvitations.userId, sent.userId));
    expect(invitation!.replacedAt).not.toBeNull();
    const [account] = await db().select().from(users).where(eq(users.id, sent.userId));
    expect(account).toMatchObject({ passwordHash: null, oidcSubject: expect.stringContaining(provider.issuer) });
  });

  it("refuses, with the page that says why: an unverified address, a domain not allowed, an unknown, disabled or host address, another identity", async () => {
    const refusedWith = async (sub: string) => {
      const flow = await companySignIn(sub);
      expect(flow.cookie).toBeNull();
      return flow.callback.location;
    };
    const agent = await makeUser(db(), "support", { email: `verifie.${seq}@entreprise.example` });
    expect(await refusedWith(identity(agent.email, { verified: false }))).toBe("/connexion-refusee?raison=unverified");
    const outsider = await makeUser(db(), "support", { email: `dehors.${seq}@ailleurs.example` });
    expect(await refusedWith(identity(outsider.email))).toContain("raison=domain");
    expect(await refusedWith(identity(`personne.${seq}@entreprise.example`))).toContain("raison=unknown");
    const host = await makeUser(db(), "host", { email: `hote.${seq}@entreprise.example` });
    expect(await refusedWith(identity(host.email))).toContain("raison=unknown");
    const gone = await makeUser(db(), "support", { email: `parti.${seq}@entreprise.example`, disabledAt: new Date() });
    expect(await refusedWith(identity(gone.email))).toContain("raison=unknown");
    const bound = await makeUser(db(), "admin", { email: `lie.${seq}@entreprise.example` });
    expect((await companySignIn(identity(bound.email))).cookie).not.toBeNull();
    expect(await refusedWith(identity(bound.email))).toContain("raison=mismatch");
    const unverified = await db().select().from(users).where(eq(users.id, agent.id));
    expect(unverified[0]!.oidcSubject).toBeNull();
  });

  it("leaves the second factor to the provider: an admin with two-factor on is not asked for a code, and TOTP_REQUIRED_FOR_ADMINS does not hold a company session", async () => {
    const config = getConfig();
    const enrolled = await makeUser(db(), "admin", {
      email: `deux.${seq}@entreprise.example`,
      totpSecret: encryptSecret(generateSecret(), config.encryptionKey),
      totpEnabledAt: new Date(),
    });
    const notEnrolled = await makeUser(db(), "admin", { email: `un.${seq}@entreprise.example` });
    config.totp.requiredForAdmins = true;
    try {
      const first = await companySignIn(identity(enrolled.email));
      expect(await me(first.cookie!)).toBe(200);
      const second = await companySignIn(identity(notEnrolled.email));
      expect(await me(second.cookie!)).toBe(200);
    } finally {
      config.totp.requiredForAdmins = false;
    }
  });

  it("OIDC_ONLY: staff passwords are refused (hosts keep theirs)", async () => {
    const config = getConfig();
    const agent = await makeUser(db(), "support");
    const host = await makeUser(db(), "host");
    config.oidc!.only = true;
    try {
      await expect(
        authenticateUser(testDb.ctx, { email: agent.email, password: FACTORY_PASSWORD, wait: async () => undefined }),
      ).rejects.toBeInstanceOf(PasswordSignInDisabledError);
      expect(
        (
          await authenticateUser(testDb.ctx, {
            email: host.email,
            password: FACTORY_PASSWORD,
            wait: async () => undefined,
          })
        )?.id,
      ).toBe(host.id);
    } finally {
      config.oidc!.only = false;
    }
  });
});
