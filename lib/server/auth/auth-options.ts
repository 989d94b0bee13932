import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getConfig } from "../config";
import { getDb } from "../db";
import { signInWithOidc, signInWithPassword } from "../users";
import { SignInInput } from "../users/schemas";
import { getAuthSecret } from "./auth-secret";
import { clientIp } from "./client-ip";

/** next-auth configuration: email + password always, OIDC when configured; JWT sessions. */
export function buildAuthOptions(): AuthOptions {
  const config = getConfig();
  const options: AuthOptions = {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: config.sessionMaxAgeSeconds },
    jwt: { maxAge: config.sessionMaxAgeSeconds },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const input = SignInInput.safeParse(credentials ?? {});
          if (!input.success) throw new Error("Enter an email and a password.");
          const db = await getDb();
          const ip = clientIp(req.headers ?? {});
          const result = await signInWithPassword({ db, actor: { type: "anonymous" }, now: new Date(), ip }, input.data, config.login);
          if (!result.ok) throw new Error(result.message);
          return { id: result.user.id, email: result.user.email, name: result.user.name };
        },
      }),
    ],
    callbacks: {
      async signIn({ user, account }) {
        // OIDC users get our own user id in `user.id` here, or are refused.
        return account?.provider !== "oidc" || Boolean(user.id);
      },
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.authTime = Math.floor(Date.now() / 1000);
        }
        return token;
      },
    },
  };
  if (config.oidc) options.providers.push(oidcProvider(config.oidc));
  return options;
}

function oidcProvider(oidc: NonNullable<ReturnType<typeof getConfig>["oidc"]>): AuthOptions["providers"][number] {
  return {
    id: "oidc",
    name: oidc.name,
    type: "oauth",
    wellKnown: `${oidc.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    async profile(profile: Record<string, unknown>) {
      const db = await getDb();
      const user = await signInWithOidc(
        { db, actor: { type: "anonymous" }, now: new Date() },
        {
          subject: String(profile.sub),
          email: typeof profile.email === "string" ? profile.email : undefined,
          name: typeof profile.name === "string" ? profile.name : undefined,
          groups: profile[oidc.groupsClaim],
        },
        oidc.roleMap,
      );
      // An empty id makes the signIn callback refuse: no mapped role, or a disabled account.
      return { id: user?.id ?? "", email: user?.email ?? null, name: user?.name ?? null };
    },
  };
}
