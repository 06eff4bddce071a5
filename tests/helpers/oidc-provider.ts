import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Provider } from "oidc-provider";

/** What the local provider says about a person: the claims of its ID token. */
export interface TestIdentity {
  email: string;
  email_verified: boolean;
  name: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Login name (the `sub`) → claims; a test adds the people it signs in. */
  identities: Map<string, TestIdentity>;
  stop(): Promise<void>;
}

/**
 * A real OpenID Connect provider (`oidc-provider`) on a loopback address: code flow with PKCE required, its own login
 * page (devInteractions: any password), consent granted once signed in, the e-mail claims in the ID token.
 */
export async function startOidcProvider(options: {
  host?: string;
  port?: number;
  redirectUris: string[];
}): Promise<TestOidcProvider> {
  const host = options.host ?? "127.0.0.3";
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host}:${port}`;
  const clientId = "back-office";
  const clientSecret = "a-test-client-secret-of-enough-length";
  const identities = new Map<string, TestIdentity>();
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["a-local-test-provider-cookie-key"] },
    async findAccount(_ctx, sub) {
      const identity = identities.get(sub);
      return identity ? { accountId: sub, claims: async () => ({ sub, ...identity }) } : undefined;
    },
    // No consent screen: the person signed in, the back-office gets what it asked for.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  server.on("request", provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    identities,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
