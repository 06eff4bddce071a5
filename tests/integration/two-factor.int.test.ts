import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { generate } from "otplib";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { makeUser, FACTORY_PASSWORD } from "../helpers/factories";
import { apiRequest, readJson, routeContext, sessionCookieFor } from "../helpers/requests";
import { auditLogs, users } from "@/server/db/schema";
import { getConfig } from "@/server/config";
import { contextFor } from "@/server/service-context";
import {
  authenticateUser,
  confirmTwoFactorEnrolment,
  LoginThrottledError,
  SecondFactorRejectedError,
  SecondFactorRequiredError,
  startTwoFactorEnrolment,
} from "@/server/services/users/users.service";
import { GET as statusRoute, DELETE as disableRoute } from "@/app/api/me/two-factor/route";
import { POST as enrolRoute } from "@/app/api/me/two-factor/enrolment/route";
import { POST as confirmRoute } from "@/app/api/me/two-factor/confirm/route";
import { POST as recoveryRoute } from "@/app/api/me/two-factor/recovery-codes/route";
import { GET as meRoute } from "@/app/api/admin/me/route";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.close());
const db = () => testDb.db;

// A fixed clock: every code below is computed for, and checked at, these instants.
const T0 = new Date("2026-12-07T09:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const codeAt = (secret: string, when: Date) => generate({ secret, epoch: Math.floor(when.getTime() / 1000) });
const noWait = async () => undefined;
let address = 0;
const signIn = (
  email: string,
  secondFactor: string | undefined,
  now: Date,
  clientAddress = `198.51.100.${++address}`,
) =>
  authenticateUser(testDb.ctx, { email, password: FACTORY_PASSWORD, secondFactor, now, clientAddress, wait: noWait });

/** An account with two-factor on at T0: its secret and its ten recovery codes. */
async function enrolled(role: "support" | "admin" = "admin") {
  const account = await makeUser(db(), role);
  const ctx = await contextFor(account);
  const { secret } = await startTwoFactorEnrolment(ctx);
  const { recoveryCodes } = await confirmTwoFactorEnrolment(ctx, { code: await codeAt(secret, T0), now: T0 });
  return { account, secret, recoveryCodes };
}

describe("two-factor: who may", () => {
  it("refuses its routes to an anonymous request (401) and to a host (403)", async () => {
    const hostCookie = await sessionCookieFor(await makeUser(db(), "host"));
    for (const cookie of [undefined, hostCookie]) {
      const expected = cookie ? 403 : 401;
      const request = (method: string, body?: unknown) => apiRequest("/api/me/two-factor", { method, cookie, body });
      expect((await statusRoute(request("GET"), routeContext({}))).status).toBe(expected);
      expect((await disableRoute(request("DELETE", { code: "123456" }), routeContext({}))).status).toBe(expected);
      expect((await enrolRoute(request("POST"), routeContext({}))).status).toBe(expected);
      expect((await confirmRoute(request("POST", { code: "123456" }), routeContext({}))).status).toBe(expected);
      expect((await recoveryRoute(request("POST", { code: "123456" }), routeContext({}))).status).toBe(expected);
    }
  });
});

describe("two-factor: enrolment and sign-in (fixed clock)", () => {
  it("enrols through the API: a QR code and a key, a wrong code refused (422), a right one gives ten recovery codes, stored hashed", async () => {
    const account = await makeUser(db(), "support");
    const cookie = await sessionCookieFor(account);
    const started = await readJson(
      await enrolRoute(apiRequest("/api/me/two-factor/enrolment", { method: "POST", cookie }), routeContext({})),
    );
    expect(started.status).toBe(201);
    expect(started.body.data.qrSvg).toContain("<svg");
    expect(started.body.data.uri).toMatch(/^otpauth:\/\/totp\//);
    const [stored] = await db().select().from(users).where(eq(users.id, account.id));
    expect(stored!.totpSecret).not.toContain(started.body.data.secret);
    const wrong = await readJson(
      await confirmRoute(
        apiRequest("/api/me/two-factor/confirm", { method: "POST", cookie, body: { code: "000000" } }),
        routeContext({}),
      ),
    );
    expect(wrong.status).toBe(422);
    const right = await readJson(
      await confirmRoute(
        apiRequest("/api/me/two-factor/confirm", {
          method: "POST",
          cookie,
          body: { code: await generate({ secret: started.body.data.secret }) },
        }),
        routeContext({}),
      ),
    );
    expect(right.status).toBe(200);
    expect(right.body.data.recoveryCodes).toHaveLength(10);
    expect(new Set(right.body.data.recoveryCodes).size).toBe(10);
    const status = await readJson(await statusRoute(apiRequest("/api/me/two-factor", { cookie }), routeContext({})));
    expect(status.body.data, JSON.stringify(status.body)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    const audit = await db().select().from(auditLogs).where(eq(auditLogs.entityId, account.id));
    expect(audit.map((row) => row.action)).toContain("user.two_factor_enabled");
    expect(JSON.stringify(audit)).not.toContain(right.body.data.recoveryCodes[0]);
  });

  it("asks for the code after a right password, accepts the code of the moment once, and refuses it replayed", async () => {
    const { account, secret } = await enrolled();
    await expect(signIn(account.email, undefined, at(60))).rejects.toBeInstanceOf(SecondFactorRequiredError);
    const code = await codeAt(secret, at(60));
    expect((await signIn(account.email, code, at(60)))?.id).toBe(account.id);
    await expect(signIn(account.email, code, at(61))).rejects.toBeInstanceOf(SecondFactorRejectedError);
    // 30 s either side of its step is accepted; two steps away is not.
    expect((await signIn(account.email, await codeAt(secret, at(120)), at(149)))?.id).toBe(account.id);
    await expect(signIn(account.email, await codeAt(secret, at(180)), at(240))).rejects.toBeInstanceOf(
      SecondFactorRejectedError,
    );
    // A wrong password never reaches the code.
    expect(
      await authenticateUser(testDb.ctx, {
        email: account.email,
        password: "wrong-password-1",
        secondFactor: code,
        now: at(300),
        wait: noWait,
      }),
    ).toBeNull();
  });

  it("counts a wrong code toward the sign-in throttle: past the limit, even the right code is refused", async () => {
    const { account, secret } = await enrolled();
    const from = "203.0.113.77";
    for (let attempt = 0; attempt < getConfig().auth.loginMaxFailures; attempt++)
      await expect(signIn(account.email, "999999", at(600), from)).rejects.toBeInstanceOf(SecondFactorRejectedError);
    await expect(signIn(account.email, await codeAt(secret, at(630)), at(630), from)).rejects.toBeInstanceOf(
      LoginThrottledError,
    );
    // Asking for the code step gives its attempt back: it never locks anyone out by itself.
    const other = await enrolled();
    for (let attempt = 0; attempt < getConfig().auth.loginMaxFailures + 3; attempt++)
      await expect(signIn(other.account.email, undefined, at(600), "203.0.113.78")).rejects.toBeInstanceOf(
        SecondFactorRequiredError,
      );
    expect((await signIn(other.account.email, await codeAt(other.secret, at(600)), at(600), "203.0.113.78"))?.id).toBe(
      other.account.id,
    );
  });

  it("accepts each recovery code once, and says how many are left", async () => {
    const { account, recoveryCodes } = await enrolled();
    expect((await signIn(account.email, recoveryCodes[3]!.toUpperCase(), at(60)))?.id).toBe(account.id);
    await expect(signIn(account.email, recoveryCodes[3]!, at(90))).rejects.toBeInstanceOf(SecondFactorRejectedError);
    const [used] = await db()
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, account.id), eq(auditLogs.action, "user.recovery_code_used")));
    expect(used!.data).toEqual({ left: 9 });
    // Two sign-ins with one code at once: one gets in.
    const outcomes = await Promise.allSettled([
      signIn(account.email, recoveryCodes[5]!, at(120)),
      signIn(account.email, recoveryCodes[5]!, at(120)),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
  });

  it("new recovery codes and turning it off both need a current code", async () => {
    const { account, recoveryCodes } = await enrolled("support");
    const cookie = await sessionCookieFor(account);
    const call = async (route: typeof recoveryRoute, method: string, code: string) =>
      readJson(await route(apiRequest("/api/me/two-factor", { method, cookie, body: { code } }), routeContext({})));
    expect((await call(recoveryRoute, "POST", "nope")).status).toBe(422);
    const renewed = await call(recoveryRoute, "POST", recoveryCodes[0]!);
    expect(renewed.body.data.recoveryCodes).toHaveLength(10);
    await expect(signIn(account.email, recoveryCodes[1]!, at(60))).rejects.toBeInstanceOf(SecondFactorRejectedError);
    // The enrolment's code was T0's, later than this machine's clock may be: a recovery code turns it off.
    const off = await call(disableRoute, "DELETE", renewed.body.data.recoveryCodes[0]);
    expect(off.body.data).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect((await signIn(account.email, undefined, at(60)))?.id).toBe(account.id);
  });
});

describe("TOTP_REQUIRED_FOR_ADMINS", () => {
  it("sends an admin without two-factor to enrolment: every other route answers 403 until it is on; support is not concerned", async () => {
    const config = getConfig();
    config.totp.requiredForAdmins = true;
    try {
      const admin = await makeUser(db(), "admin");
      const cookie = await sessionCookieFor(admin);
      const me = await readJson(await meRoute(apiRequest("/api/admin/me", { cookie }), routeContext({})));
      expect(me.status).toBe(403);
      expect(me.body.error.details).toEqual({ reason: "two_factor_enrolment_required" });
      const status = await readJson(await statusRoute(apiRequest("/api/me/two-factor", { cookie }), routeContext({})));
      expect(status.body.data).toMatchObject({ enabled: false, required: true });
      const started = await readJson(
        await enrolRoute(apiRequest("/api/me/two-factor/enrolment", { method: "POST", cookie }), routeContext({})),
      );
      await confirmRoute(
        apiRequest("/api/me/two-factor/confirm", {
          method: "POST",
          cookie,
          body: { code: await generate({ secret: started.body.data.secret }) },
        }),
        routeContext({}),
      );
      expect((await meRoute(apiRequest("/api/admin/me", { cookie }), routeContext({}))).status).toBe(200);
      const off = await readJson(
        await disableRoute(
          apiRequest("/api/me/two-factor", { method: "DELETE", cookie, body: { code: "123456" } }),
          routeContext({}),
        ),
      );
      expect(off.status).toBe(409);
      const agentCookie = await sessionCookieFor(await makeUser(db(), "support"));
      expect((await meRoute(apiRequest("/api/admin/me", { cookie: agentCookie }), routeContext({}))).status).toBe(200);
    } finally {
      config.totp.requiredForAdmins = false;
    }
  });
});
