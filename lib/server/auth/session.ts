import "server-only";
import { eq } from "drizzle-orm";
import { decode } from "next-auth/jwt";
import type { Role } from "@/lib/core/accounts";
import type { DbOrTx } from "../db";
import { users } from "../db/schema";
import type { UserActor } from "./actor";
import { getConfig } from "../config";
import { getAuthSecret } from "./auth-secret";

export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** Reads next-auth's session cookie value from a Cookie header. */
export function sessionTokenFromCookieHeader(header: string | null): string | undefined {
  if (!header) return undefined;
  const cookies = new Map(
    header.split(";").map((part) => {
      const index = part.indexOf("=");
      return [part.slice(0, index).trim(), decodeURIComponent(part.slice(index + 1).trim())] as const;
    }),
  );
  for (const name of SESSION_COOKIES) {
    const value = cookies.get(name);
    if (value) return value;
  }
  return undefined;
}

/**
 * Resolves a session token to its user as the database says now: a disabled user, or a session
 * older than the user's last password or role change, is no session at all.
 */
export async function actorFromSessionToken(
  db: DbOrTx,
  token: string | undefined,
  now: Date,
  maxAgeSeconds = getConfig().sessionMaxAgeSeconds,
): Promise<UserActor | undefined> {
  if (!token) return undefined;
  const claims = await decode({ token, secret: getAuthSecret() }).catch(() => null);
  // authTime is set once at sign-in; next-auth refreshes iat/exp on every read, so only
  // authTime bounds the session's absolute lifetime and survives a later revocation.
  const authTime = claims?.authTime;
  if (!claims?.sub || typeof authTime !== "number") return undefined;
  if (now.getTime() >= (authTime + maxAgeSeconds) * 1000) return undefined;
  const [user] = await db.select().from(users).where(eq(users.id, claims.sub));
  if (!user || user.disabledAt) return undefined;
  if (authTime < Math.floor(user.sessionsValidAfter.getTime() / 1000)) return undefined;
  return { type: "user", userId: user.id, email: user.email, roles: user.roles as Role[], via: "session" };
}
