import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../db";
import { loginThrottle } from "../db/schema";

export type ThrottlePolicy = { maxFailures: number; lockoutSeconds: number };

// Per client address the allowance is wider: several people may share one NAT.
const IP_FACTOR = 4;

export function throttleKeys(email: string, ip: string | undefined): string[] {
  return ip ? [`email:${email}`, `ip:${ip}`] : [`email:${email}`];
}

/** Seconds until the caller may try again, or 0 when not locked out. */
export async function lockedForSeconds(db: DbOrTx, keys: string[], now: Date): Promise<number> {
  const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
  const until = Math.max(0, ...rows.map((row) => row.lockedUntil?.getTime() ?? 0));
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

/** Counts one failed attempt per key; enough failures in the window lock the key out. */
export async function recordFailure(db: DbOrTx, keys: string[], now: Date, policy: ThrottlePolicy): Promise<void> {
  const windowStart = new Date(now.getTime() - policy.lockoutSeconds * 1000);
  for (const key of keys) {
    const limit = key.startsWith("ip:") ? policy.maxFailures * IP_FACTOR : policy.maxFailures;
    await db.transaction(async (tx) => {
      const [row] = await tx.select().from(loginThrottle).where(eq(loginThrottle.key, key)).for("update");
      const fresh = !row || row.windowStartedAt < windowStart;
      const failures = fresh ? 1 : row.failures + 1;
      const values = {
        failures,
        windowStartedAt: fresh ? now : row.windowStartedAt,
        lockedUntil: failures >= limit ? new Date(now.getTime() + policy.lockoutSeconds * 1000) : (row?.lockedUntil ?? null),
      };
      await tx.insert(loginThrottle).values({ key, ...values }).onConflictDoUpdate({ target: loginThrottle.key, set: values });
    });
  }
}

/** A successful sign-in clears the account's counter (not the address's). */
export async function clearFailures(db: DbOrTx, email: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, `email:${email}`));
}
