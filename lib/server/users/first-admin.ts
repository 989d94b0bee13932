import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { appendAudit } from "../audit";
import type { Ctx } from "../auth/actor";
import { hashPassword } from "../auth/password";
import { hashSecret, newSecret } from "../auth/secrets";
import type { DbOrTx } from "../db";
import { setupTokens, users } from "../db/schema";
import { AppError, conflict } from "../errors";
import { parseInput } from "../http/parse-input";
import { CompleteSetupInput } from "./schemas";

const SETUP_LINK_TTL_MS = 24 * 3600 * 1000;

/** Whether any enabled admin exists. */
export async function adminExists(db: DbOrTx): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(isNull(users.disabledAt), sql`'admin' = any(${users.roles})`));
  return (row?.n ?? 0) > 0;
}

export type FirstAdminOutcome = { kind: "exists" } | { kind: "created"; email: string } | { kind: "setup_link"; url: string };

/**
 * At start (system caller): when no admin exists, creates one from the configured credentials,
 * or issues a one-time setup link for the first visitor. There is never a default password.
 */
export async function ensureFirstAdmin(
  ctx: Ctx,
  options: { firstAdmin?: { email: string; password: string }; publicUrl: string },
): Promise<FirstAdminOutcome> {
  if (ctx.actor.type !== "system") throw new TypeError("ensureFirstAdmin runs as the system");
  if (await adminExists(ctx.db)) return { kind: "exists" };
  if (options.firstAdmin) {
    const email = options.firstAdmin.email.toLowerCase();
    const passwordHash = await hashPassword(options.firstAdmin.password);
    await ctx.db.transaction(async (tx) => {
      // An existing account with that email becomes the admin, with the configured password.
      const [existing] = await tx.update(users).set({ roles: ["admin"], disabledAt: null, passwordHash, passwordChangedAt: ctx.now })
        .where(eq(sql`lower(${users.email})`, email)).returning({ id: users.id });
      const [row] = existing
        ? [existing]
        : await tx.insert(users).values({ email, roles: ["admin"], passwordHash, passwordChangedAt: ctx.now }).returning({ id: users.id });
      await appendAudit(tx, ctx, { action: "setup.admin_from_environment", targetType: "user", targetId: row!.id, details: { email } });
    });
    return { kind: "created", email };
  }
  const token = newSecret("setup");
  await ctx.db.transaction(async (tx) => {
    // A new start replaces any earlier, unused link.
    await tx.delete(setupTokens).where(isNull(setupTokens.usedAt));
    await tx.insert(setupTokens).values({ tokenHash: hashSecret(token), expiresAt: new Date(ctx.now.getTime() + SETUP_LINK_TTL_MS) });
  });
  return { kind: "setup_link", url: `${options.publicUrl}/setup?token=${encodeURIComponent(token)}` };
}

/** The first visitor sets the admin's email and password with the one-time link. */
export async function completeSetup(ctx: Ctx, rawInput: CompleteSetupInput): Promise<{ email: string }> {
  const input = parseInput(CompleteSetupInput, rawInput);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    const [link] = await tx
      .update(setupTokens)
      .set({ usedAt: ctx.now })
      .where(and(eq(setupTokens.tokenHash, hashSecret(input.token)), isNull(setupTokens.usedAt), gt(setupTokens.expiresAt, ctx.now)))
      .returning({ id: setupTokens.id });
    if (!link) throw new AppError("FORBIDDEN", "This setup link is not valid: it was used, replaced by a newer one, or has expired.");
    if (await adminExists(tx)) throw conflict("An admin already exists: sign in instead.", "SETUP_DONE");
    const [row] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, roles: ["admin"], passwordHash, passwordChangedAt: ctx.now })
      .returning({ id: users.id });
    await appendAudit(tx, ctx, { action: "setup.completed", targetType: "user", targetId: row!.id, details: { email: input.email } });
    return { email: input.email };
  });
}
