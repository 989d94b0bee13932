import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Role } from "@/lib/core/accounts";
import { appendAudit } from "../audit";
import type { Ctx } from "../auth/actor";
import { dummyPasswordHash, verifyPassword } from "../auth/password";
import { users } from "../db/schema";
import { clearFailures, lockedForSeconds, recordFailure, throttleKeys, type ThrottlePolicy } from "./login-throttle";

export type SignedInUser = { id: string; email: string; name: string; roles: Role[] };
export type SignInResult =
  | { ok: true; user: SignedInUser }
  | { ok: false; code: "INVALID_CREDENTIALS" | "THROTTLED"; message: string };

// One message whether the account is missing, disabled or the password wrong.
const INVALID = "The email or password is not correct, or the account is disabled.";

/**
 * Checks an email and password (the sign-in itself, so it runs for anonymous callers): throttled
 * per account and per address, constant-time, and every outcome on the audit trail.
 */
export async function signInWithPassword(
  ctx: Ctx,
  credentials: { email: string; password: string },
  policy: ThrottlePolicy,
): Promise<SignInResult> {
  const email = credentials.email.trim().toLowerCase().slice(0, 320);
  const keys = throttleKeys(email, ctx.ip);
  const audit = (action: string, details: Record<string, unknown>, targetId?: string, actor = ctx.actor) =>
    ctx.db.transaction((tx) =>
      appendAudit(tx, { ...ctx, actor }, { action, targetType: "user", targetId, details: { email, ...details } }),
    );

  const wait = await lockedForSeconds(ctx.db, keys, ctx.now);
  if (wait > 0) {
    await audit("auth.sign_in_throttled", { retryAfterSeconds: wait });
    return { ok: false, code: "THROTTLED", message: `Too many failed attempts. Try again in ${Math.ceil(wait / 60)} minute(s).` };
  }

  const [user] = await ctx.db.select().from(users).where(eq(sql`lower(${users.email})`, email));
  const matches = await verifyPassword(credentials.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !matches || user.disabledAt || !user.passwordHash) {
    await recordFailure(ctx.db, keys, ctx.now, policy);
    const reason = !user ? "unknown_account" : user.disabledAt ? "disabled" : "wrong_password";
    await audit("auth.sign_in_failed", { reason }, user?.id);
    return { ok: false, code: "INVALID_CREDENTIALS", message: INVALID };
  }

  await clearFailures(ctx.db, email);
  await ctx.db.update(users).set({ lastLoginAt: ctx.now }).where(eq(users.id, user.id));
  const signedIn = { id: user.id, email: user.email, name: user.name, roles: user.roles as Role[] };
  await audit("auth.signed_in", { method: "password" }, user.id, { type: "user", userId: user.id, email: user.email, roles: signedIn.roles, via: "session" });
  return { ok: true, user: signedIn };
}
