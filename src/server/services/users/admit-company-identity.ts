import { and, eq, isNull, sql } from "drizzle-orm";
import { accountInvitations, users } from "../../db/schema";
import { getConfig } from "../../config";
import { isUniqueViolation } from "../../errors";
import { inTransaction, type ServiceContext } from "../../service-context";
import { recordAudit } from "../audit/audit.service";
import type { AuthenticatedUser } from "./authenticate-user";
import type { CompanySignInRefusal } from "../../shared/company-sign-in";

export interface CompanyIdentity {
  /** The provider's issuer and its `sub` for the person: bound to the account at the first sign-in. */
  issuer: string;
  subject: string;
  email: unknown;
  emailVerified: unknown;
}

export type Admission =
  { admitted: true; account: AuthenticatedUser } | { admitted: false; refusal: CompanySignInRefusal };

/**
 * Who a company identity (OpenID Connect, already checked by openid-client: signature, issuer, audience, nonce, PKCE)
 * signs in as: the existing, enabled support or admin account with the same address, if the provider verified it and
 * its domain is in OIDC_ALLOWED_DOMAINS. The first sign-in binds the identity to the account (an invited one becomes
 * active, its links replaced); later ones must come from that identity. Hosts keep their password.
 */
export async function admitCompanyIdentity(
  ctx: ServiceContext,
  identity: CompanyIdentity & { now?: Date },
): Promise<Admission> {
  const oidc = getConfig().oidc;
  if (!oidc) return { admitted: false, refusal: "unknown" };
  if (identity.emailVerified !== true) return { admitted: false, refusal: "unverified" };
  const email = typeof identity.email === "string" ? identity.email.trim().toLowerCase() : "";
  const domain = email.includes("@") ? email.slice(email.lastIndexOf("@") + 1) : "";
  if (!domain || !oidc.allowedDomains.includes(domain)) return { admitted: false, refusal: "domain" };
  const bound = `${identity.issuer}|${identity.subject}`;
  const now = identity.now ?? new Date();
  try {
    return await inTransaction(ctx, async (tx) => {
      const [account] = await tx.db
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = ${email}`)
        .for("update");
      if (!account || account.role === "host" || account.disabledAt) return { admitted: false, refusal: "unknown" };
      if (account.oidcSubject && account.oidcSubject !== bound) return { admitted: false, refusal: "mismatch" };
      if (!account.oidcSubject) {
        await tx.db.update(users).set({ oidcSubject: bound, updatedAt: now }).where(eq(users.id, account.id));
        // An invited member who signs in with the company's provider needs its link no more.
        await tx.db
          .update(accountInvitations)
          .set({ replacedAt: now })
          .where(
            and(
              eq(accountInvitations.userId, account.id),
              isNull(accountInvitations.usedAt),
              isNull(accountInvitations.replacedAt),
            ),
          );
        await recordAudit(tx, {
          actorId: account.id,
          action: "user.company_identity_bound",
          entityType: "user",
          entityId: account.id,
          data: { issuer: identity.issuer, invited: account.passwordHash === null },
        });
      }
      return {
        admitted: true,
        account: { id: account.id, email: account.email, name: account.name, role: account.role },
      } as const;
    });
  } catch (error) {
    // The identity is bound to another account already.
    if (isUniqueViolation(error, "users_oidc_subject_key")) return { admitted: false, refusal: "mismatch" };
    throw error;
  }
}
