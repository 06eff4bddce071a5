import { sql } from "drizzle-orm";
import { users, type User, type UserRole } from "../../db/schema";
import { checkSecondFactor } from "./second-factor";
import { SECOND_FACTOR_REQUIRED } from "../../shared/second-factor";
import type { ServiceContext } from "../../service-context";
import { getConfig } from "../../config";
import { hashPassword, verifyPassword } from "./password";
import {
  recordLoginFailure,
  recordLoginSuccess,
  releaseLoginAttempt,
  reserveLoginAttempt,
  throttleKeys,
} from "./login-throttle";

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

/** Too many failed sign-ins for this e-mail from this address, or from this address: refused without checking the password. */
export class LoginThrottledError extends Error {
  constructor(readonly retryAt: Date) {
    const time = new Intl.DateTimeFormat("fr-FR", {
      timeZone: "Europe/Paris",
      hour: "2-digit",
      minute: "2-digit",
    }).format(retryAt);
    super(`Trop de tentatives de connexion échouées. Réessayez à partir de ${time}.`);
    this.name = "LoginThrottledError";
  }
}

export { SECOND_FACTOR_REQUIRED };

/** The password was right and the account has two-factor on: the form asks for the code (or a recovery code). */
export class SecondFactorRequiredError extends Error {
  constructor() {
    super(SECOND_FACTOR_REQUIRED);
    this.name = "SecondFactorRequiredError";
  }
}

/** A wrong or replayed code: counted as a failed sign-in. */
export class SecondFactorRejectedError extends Error {
  constructor() {
    super("Code de vérification incorrect.");
    this.name = "SecondFactorRejectedError";
  }
}

/** OIDC_ONLY: support and admins sign in with the company's provider; their password is refused (hosts keep theirs). */
export class PasswordSignInDisabledError extends Error {
  constructor(readonly label: string) {
    super(`Le support et les administrateurs se connectent avec ${label}.`);
    this.name = "PasswordSignInDisabledError";
  }
}

// Hashing even for an unknown email keeps the response time from telling which emails exist.
let decoyHash: Promise<string> | undefined;

async function checkPassword(ctx: ServiceContext, email: string, password: string): Promise<User | null> {
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .limit(1);
  // An unknown address, or an account still waiting for its invitation, answers after the same work as a wrong password.
  if (!user || user.passwordHash === null) {
    decoyHash ??= hashPassword("decoy-password-1");
    await verifyPassword(password, await decoyHash);
    return null;
  }
  // A disabled account answers as a wrong password would, after the same work.
  if (!(await verifyPassword(password, user.passwordHash)) || user.disabledAt !== null) return null;
  return user;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Checks an e-mail and password, throttled (LOGIN_MAX_FAILURES in LOGIN_WINDOW_MINUTES, counted in the database so
 * every app instance shares them): the pair (e-mail, address) and the address are refused past the limit; the
 * e-mail alone is slowed down, up to LOGIN_MAX_DELAY_MS, so nobody can lock its owner out from other addresses.
 * Throws LoginThrottledError when refused.
 */
export async function authenticateUser(
  ctx: ServiceContext,
  attempt: {
    email: string;
    password: string;
    /** The second factor, for an account with two-factor on: an app code or a recovery code. */
    secondFactor?: string;
    clientAddress?: string | null;
    now?: Date;
    wait?: (ms: number) => Promise<void>;
  },
): Promise<AuthenticatedUser | null> {
  const { email, password } = attempt;
  const { auth } = getConfig();
  const settings = {
    maxFailures: auth.loginMaxFailures,
    windowMinutes: auth.loginWindowMinutes,
    maxDelayMs: auth.loginMaxDelayMs,
  };
  const now = attempt.now ?? new Date();
  const reservation = await reserveLoginAttempt(ctx, {
    keys: throttleKeys(email, attempt.clientAddress ?? null),
    settings,
    now,
  });
  if (!reservation.allowed) throw new LoginThrottledError(reservation.retryAt);
  if (reservation.delayMs > 0) await (attempt.wait ?? sleep)(reservation.delayMs);
  const user = await checkPassword(ctx, email, password);
  if (!user) {
    await recordLoginFailure(ctx, { reservation, settings, now });
    return null;
  }
  const oidc = getConfig().oidc;
  if (oidc?.only && user.role !== "host") {
    await releaseLoginAttempt(ctx, reservation);
    throw new PasswordSignInDisabledError(oidc.label);
  }
  if (user.totpEnabledAt) {
    const code = attempt.secondFactor?.trim() ?? "";
    // The first step of a two-step sign-in gives its attempt back, without clearing anything: only a right code does.
    if (code === "") {
      await releaseLoginAttempt(ctx, reservation);
      throw new SecondFactorRequiredError();
    }
    if (!(await checkSecondFactor(ctx, { account: user, code, now }))) {
      await recordLoginFailure(ctx, { reservation, settings, now });
      throw new SecondFactorRejectedError();
    }
  }
  await recordLoginSuccess(ctx, reservation);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
