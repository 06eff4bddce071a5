import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeFeed, makeListing, makeUser, FACTORY_PASSWORD } from "../helpers/factories";
import { apiRequest, readJson, routeContext, sessionCookieFor } from "../helpers/requests";
import { alertEvents, auditLogs, calendarSyncAlerts, emailOutbox, users } from "@/server/db/schema";
import { contextFor, systemContext } from "@/server/service-context";
import { createCalendarSyncAlert } from "@/server/services/alerting/alerting.service";
import { acceptInvitation, authenticateUser } from "@/server/services/users/users.service";
import { disableTeamMember, disableUserByEmail } from "@/server/services/team/team.service";
import { GET as teamRoute, POST as inviteRoute } from "@/app/api/admin/users/route";
import { PATCH as roleRoute } from "@/app/api/admin/users/[id]/role/route";
import { POST as disableRoute } from "@/app/api/admin/users/[id]/disable/route";
import { POST as enableRoute } from "@/app/api/admin/users/[id]/enable/route";
import { DELETE as sessionsRoute } from "@/app/api/admin/users/[id]/sessions/route";
import { DELETE as twoFactorResetRoute } from "@/app/api/admin/users/[id]/two-factor/route";
import { PATCH as assigneeRoute } from "@/app/api/admin/alerts/[id]/assignee/route";
import { GET as meRoute } from "@/app/api/admin/me/route";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());
const db = () => testDb.db;

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
const onMember = async (route: Handler, method: string, id: string, cookie?: string, body?: unknown) =>
  readJson(await route(apiRequest(`/api/admin/users/${id}`, { method, cookie, body }), routeContext({ id })));
const me = async (cookie: string) => (await meRoute(apiRequest("/api/admin/me", { cookie }), routeContext({}))).status;
const invite = async (cookie: string | undefined, body: unknown) =>
  readJson(await inviteRoute(apiRequest("/api/admin/users", { method: "POST", cookie, body }), routeContext({})));
const list = async (cookie: string) =>
  readJson(await teamRoute(apiRequest("/api/admin/users", { cookie }), routeContext({})));
const noWait = async () => undefined;
const auditOf = async (entityId: string) =>
  (await db().select().from(auditLogs).where(eq(auditLogs.entityId, entityId))).map((row) => row.action);

async function admin() {
  const account = await makeUser(db(), "admin");
  return { account, cookie: await sessionCookieFor(account) };
}

describe("« Équipe »: who may", () => {
  it("refuses every route to an anonymous request (401) and to support and hosts (403)", async () => {
    const agent = await makeUser(db(), "support");
    const supportCookie = await sessionCookieFor(agent);
    const hostCookie = await sessionCookieFor(await makeUser(db(), "host"));
    for (const cookie of [undefined, supportCookie, hostCookie]) {
      const expected = cookie ? 403 : 401;
      expect((await list(cookie ?? "")).status).toBe(expected);
      expect((await invite(cookie, { name: "X", email: "x@team.example", role: "support" })).status).toBe(expected);
      expect((await onMember(roleRoute, "PATCH", agent.id, cookie, { role: "admin" })).status).toBe(expected);
      expect((await onMember(disableRoute, "POST", agent.id, cookie)).status).toBe(expected);
      expect((await onMember(enableRoute, "POST", agent.id, cookie)).status).toBe(expected);
      expect((await onMember(sessionsRoute, "DELETE", agent.id, cookie)).status).toBe(expected);
      expect((await onMember(twoFactorResetRoute, "DELETE", agent.id, cookie)).status).toBe(expected);
    }
    const [after] = await db().select().from(users).where(eq(users.id, agent.id));
    expect(after).toMatchObject({ role: "support", disabledAt: null });
  });

  it("answers 404 for a host or an unknown id, 400 for a bad role or invitation, and 409 for an address taken", async () => {
    const { cookie } = await admin();
    const host = await makeUser(db(), "host");
    expect((await onMember(disableRoute, "POST", host.id, cookie)).status).toBe(404);
    expect((await onMember(roleRoute, "PATCH", host.id, cookie, { role: "admin" })).status).toBe(404);
    expect((await onMember(sessionsRoute, "DELETE", "zzzzzzzzzzzzzzzzzzzzzzzz", cookie)).status).toBe(404);
    const badRole = await onMember(roleRoute, "PATCH", host.id, cookie, { role: "host" });
    expect(badRole.status).toBe(400);
    expect(badRole.body.error.code).toBe("VALIDATION_FAILED");
    expect((await invite(cookie, { name: "", email: "nope", role: "support" })).status).toBe(400);
    expect((await invite(cookie, { name: "Hôte", email: "h@team.example", role: "host" })).status).toBe(400);
    const taken = await invite(cookie, { name: "Encore", email: host.email.toUpperCase(), role: "support" });
    expect(taken.status).toBe(409);
  });
});

describe("« Équipe »: invite, change, disable", () => {
  it("invites an agent: an account without a password, one e-mail with its link; the agent chooses a password and is active", async () => {
    const { cookie } = await admin();
    const email = `nadia-${Date.now()}@team.example`;
    const sent = await invite(cookie, { name: "Nadia Haddad", email, role: "support" });
    expect(sent.status).toBe(201);
    const [account] = await db().select().from(users).where(eq(users.email, email));
    expect(account).toMatchObject({ role: "support", passwordHash: null, disabledAt: null });
    const mails = await db().select().from(emailOutbox).where(eq(emailOutbox.recipient, email));
    expect(mails).toHaveLength(1);
    const token = /\/invitation#([A-Za-z0-9_-]{43})/.exec(mails[0]!.textBody)![1]!;
    const invited = (await list(cookie)).body.data.find((member: { id: string }) => member.id === account!.id);
    expect(invited).toMatchObject({ state: "invited", lastSignInAt: null, openSessions: 0 });
    expect(invited.invitationExpiresAt).toEqual(sent.body.data.expiresAt);
    expect(await auditOf(account!.id)).toEqual(expect.arrayContaining(["user.created", "user.invited"]));

    await acceptInvitation(await contextFor({ id: null, role: "anonymous", name: "anonymous" }), {
      token,
      password: "un-mot-de-passe-choisi",
    });
    const signedIn = await authenticateUser(testDb.ctx, { email, password: "un-mot-de-passe-choisi", wait: noWait });
    expect(signedIn?.id).toBe(account!.id);
    await sessionCookieFor(account!);
    const active = (await list(cookie)).body.data.find((member: { id: string }) => member.id === account!.id);
    expect(active).toMatchObject({ state: "active", openSessions: 1, invitationExpiresAt: null });
    expect(active.lastSignInAt).not.toBeNull();
  });

  it("changes a role both ways at the member's next request, audited; an admin's own role is refused (409)", async () => {
    const { account: me_, cookie } = await admin();
    const agent = await makeUser(db(), "support");
    const agentCookie = await sessionCookieFor(agent);
    const promoted = await onMember(roleRoute, "PATCH", agent.id, cookie, { role: "admin" });
    expect(promoted.body.data).toEqual({ id: agent.id, role: "admin", changed: true });
    expect((await list(agentCookie)).status).toBe(200);
    expect((await onMember(roleRoute, "PATCH", agent.id, cookie, { role: "admin" })).body.data.changed).toBe(false);
    expect((await onMember(roleRoute, "PATCH", agent.id, cookie, { role: "support" })).status).toBe(200);
    expect((await list(agentCookie)).status).toBe(403);
    const self = await onMember(roleRoute, "PATCH", me_.id, cookie, { role: "support" });
    expect(self.status).toBe(409);
    const changes = await db()
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, agent.id), eq(auditLogs.action, "user.role_changed")));
    expect(changes.map((row) => [row.actorId, row.data])).toEqual([
      [me_.id, { from: "support", to: "admin" }],
      [me_.id, { from: "admin", to: "support" }],
    ]);
  });

  it("disabling an agent ends its sessions at once and puts its open alerts back in the queue with a timeline entry; re-enabling lets it sign in again", async () => {
    const { account: boss, cookie } = await admin();
    const agent = await makeUser(db(), "support", { name: "Karim Départ" });
    const agentCookie = await sessionCookieFor(agent);
    const otherCookie = await sessionCookieFor(agent);
    const listing = await makeListing(db());
    const feed = await makeFeed(db(), listing.id);
    const { alert } = await createCalendarSyncAlert(testDb.ctx, {
      listingId: listing.id,
      errorType: "FEED_NOT_FOUND",
      errorMessage: "Not found",
      feedId: feed.id,
      feedConsecutiveFailures: 1,
      feedLabel: "Airbnb",
      threshold: 3,
    });
    const taken = await readJson(
      await assigneeRoute(
        apiRequest(`/api/admin/alerts/${alert.id}/assignee`, {
          method: "PATCH",
          cookie: agentCookie,
          body: { userId: agent.id },
        }),
        routeContext({ id: alert.id }),
      ),
    );
    expect(taken.status).toBe(200);
    expect(await me(agentCookie)).toBe(200);

    const disabled = await onMember(disableRoute, "POST", agent.id, cookie);
    expect(disabled.body.data).toMatchObject({ id: agent.id, changed: true, releasedAlerts: 1 });
    expect(await me(agentCookie)).toBe(401);
    expect(await me(otherCookie)).toBe(401);
    expect(
      await authenticateUser(testDb.ctx, { email: agent.email, password: FACTORY_PASSWORD, wait: noWait }),
    ).toBeNull();
    const [released] = await db().select().from(calendarSyncAlerts).where(eq(calendarSyncAlerts.id, alert.id));
    expect(released!.assigneeId).toBeNull();
    const [entry] = await db()
      .select()
      .from(alertEvents)
      .where(and(eq(alertEvents.alertId, alert.id), eq(alertEvents.kind, "unassigned")));
    expect(entry).toMatchObject({
      actorId: boss.id,
      data: { previousAssigneeId: agent.id, previousAssigneeName: "Karim Départ", reason: "account_disabled" },
    });
    expect(await auditOf(agent.id)).toEqual(expect.arrayContaining(["user.disabled", "user.sessions_revoked"]));
    expect((await list(cookie)).body.data.find((m: { id: string }) => m.id === agent.id)).toMatchObject({
      state: "disabled",
      openSessions: 0,
    });
    expect((await onMember(disableRoute, "POST", agent.id, cookie)).body.data).toMatchObject({ changed: false });

    expect((await onMember(enableRoute, "POST", agent.id, cookie)).body.data.changed).toBe(true);
    const back = await authenticateUser(testDb.ctx, { email: agent.email, password: FACTORY_PASSWORD, wait: noWait });
    expect(back?.id).toBe(agent.id);
    expect(await me(agentCookie)).toBe(401);
    expect(await auditOf(agent.id)).toContain("user.enabled");
  });

  it("« Déconnecter partout » ends every open session of the member, audited", async () => {
    const { cookie } = await admin();
    const agent = await makeUser(db(), "support");
    const cookies = [await sessionCookieFor(agent), await sessionCookieFor(agent)];
    const revoked = await onMember(sessionsRoute, "DELETE", agent.id, cookie);
    expect(revoked.body.data).toEqual({ id: agent.id, sessions: 2 });
    for (const each of cookies) expect(await me(each)).toBe(401);
    expect(await me(cookie)).toBe(200);
    expect(await auditOf(agent.id)).toContain("user.sessions_revoked");
  });
});

describe("« Équipe »: a member who lost phone and recovery codes", () => {
  it("an admin resets their two-factor: off, codes gone, sessions ended, audited; never their own (409)", async () => {
    const { account: boss, cookie } = await admin();
    const agent = await makeUser(db(), "support", { totpSecret: "v1:x:y:z", totpEnabledAt: new Date() });
    const agentCookie = await sessionCookieFor(agent);
    const reset = await onMember(twoFactorResetRoute, "DELETE", agent.id, cookie);
    expect(reset.body.data).toEqual({ id: agent.id, changed: true });
    const [after] = await db().select().from(users).where(eq(users.id, agent.id));
    expect(after).toMatchObject({ totpSecret: null, totpEnabledAt: null });
    expect(await me(agentCookie)).toBe(401);
    expect(await auditOf(agent.id)).toContain("user.two_factor_reset");
    expect((await onMember(twoFactorResetRoute, "DELETE", boss.id, cookie)).status).toBe(409);
  });
});

describe("« Équipe »: at least one active admin", () => {
  /** Only these admins are active: every other admin of the file's database is disabled first. */
  async function onlyAdmins(count: number) {
    await db().update(users).set({ disabledAt: new Date() }).where(eq(users.role, "admin"));
    return Promise.all(Array.from({ length: count }, () => admin()));
  }

  it("refuses an admin disabling themself (409), and the command line disabling the last active admin (409)", async () => {
    const [only] = await onlyAdmins(1);
    const self = await onMember(disableRoute, "POST", only!.account.id, only!.cookie);
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe("CONFLICT");
    await expect(disableUserByEmail(systemContext(db(), "cli"), { email: only!.account.email })).rejects.toThrow(
      /dernier administrateur actif/,
    );
    // An invited admin (no password yet) does not count as active.
    await makeUser(db(), "admin", { passwordHash: null });
    await expect(disableUserByEmail(systemContext(db(), "cli"), { email: only!.account.email })).rejects.toThrow(
      /dernier administrateur actif/,
    );
    expect(await me(only!.cookie)).toBe(200);
  });

  it("two admins disabling each other at once: exactly one of them stays active", async () => {
    const [a, b] = await onlyAdmins(2);
    const outcomes = await Promise.allSettled([
      disableTeamMember(await contextFor(a!.account), { userId: b!.account.id }),
      disableTeamMember(await contextFor(b!.account), { userId: a!.account.id }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
    expect(String(rejected.reason)).toMatch(/dernier administrateur actif/);
    const stillActive = await db()
      .select({ id: users.id, disabledAt: users.disabledAt })
      .from(users)
      .where(inArray(users.id, [a!.account.id, b!.account.id]));
    expect(stillActive.filter((row) => row.disabledAt === null)).toHaveLength(1);
  });

  it("once the other admin is demoted, the last one cannot be demoted: not by themself (409), nor by the demoted one (403)", async () => {
    const [a, b] = await onlyAdmins(2);
    expect((await onMember(roleRoute, "PATCH", b!.account.id, a!.cookie, { role: "support" })).status).toBe(200);
    // b is support now: a is the last admin and cannot be demoted by anyone (b is no longer allowed to try).
    expect((await onMember(roleRoute, "PATCH", a!.account.id, b!.cookie, { role: "support" })).status).toBe(403);
    expect((await onMember(roleRoute, "PATCH", a!.account.id, a!.cookie, { role: "support" })).status).toBe(409);
  });
});
