import "server-only";
import { eq } from "drizzle-orm";
import { appendAudit } from "../audit";
import { requireRole, type Ctx } from "../auth/actor";
import { hashPassword } from "../auth/password";
import { users } from "../db/schema";
import { notFound } from "../errors";
import { parseInput } from "../http/parse-input";
import { ResetPasswordInput } from "./schemas";

/** Sets a new password for another user (admin only) and signs out their sessions. */
export async function resetPassword(ctx: Ctx, userId: string, rawInput: ResetPasswordInput): Promise<void> {
  requireRole(ctx, "admin");
  const input = parseInput(ResetPasswordInput, rawInput);
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: ctx.now, sessionsValidAfter: ctx.now, updatedAt: ctx.now })
      .where(eq(users.id, userId))
      .returning({ email: users.email });
    if (!row) throw notFound("The user");
    await appendAudit(tx, ctx, { action: "user.password_reset", targetType: "user", targetId: userId, details: { email: row.email } });
  });
}
