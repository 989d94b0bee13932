import "server-only";
import { eq } from "drizzle-orm";
import { appendAudit } from "../audit";
import { requireUser, type Ctx } from "../auth/actor";
import { hashPassword, verifyPassword } from "../auth/password";
import { users } from "../db/schema";
import { AppError, notFound } from "../errors";
import { parseInput } from "../http/parse-input";
import { ChangeOwnPasswordInput } from "./schemas";

/** Changes the caller's own password after checking the current one. */
export async function changeOwnPassword(ctx: Ctx, rawInput: ChangeOwnPasswordInput): Promise<void> {
  const actor = requireUser(ctx);
  const input = parseInput(ChangeOwnPasswordInput, rawInput);
  const [user] = await ctx.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw notFound("Your account");
  if (!user.passwordHash || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError("VALIDATION", "The current password is not correct.", { fields: { currentPassword: "not correct" } });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    // Other sessions end; the console signs the caller in again with the new password.
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: ctx.now, sessionsValidAfter: ctx.now, updatedAt: ctx.now })
      .where(eq(users.id, actor.userId));
    await appendAudit(tx, ctx, { action: "user.password_changed", targetType: "user", targetId: actor.userId, details: { email: user.email } });
  });
}
