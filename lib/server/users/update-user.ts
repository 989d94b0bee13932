import "server-only";
import { eq } from "drizzle-orm";
import { appendAudit } from "../audit";
import { requireRole, type Ctx } from "../auth/actor";
import { users } from "../db/schema";
import { notFound } from "../errors";
import { parseInput } from "../http/parse-input";
import { assertAnotherAdminRemains } from "./last-admin";
import { UpdateUserInput } from "./schemas";
import { toUserView, type UserView } from "./user-view";

/** Renames, changes roles of, disables or enables a user (admin only); never the last admin. */
export async function updateUser(ctx: Ctx, userId: string, rawInput: UpdateUserInput): Promise<UserView> {
  requireRole(ctx, "admin");
  const input = parseInput(UpdateUserInput, rawInput);
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!current) throw notFound("The user");
    const wasAdmin = current.roles.includes("admin") && current.disabledAt === null;
    const staysAdmin = (input.roles ?? current.roles).includes("admin") && !(input.disabled ?? current.disabledAt !== null);
    if (wasAdmin && !staysAdmin) await assertAnotherAdminRemains(tx, userId);

    const rolesChanged = input.roles !== undefined && input.roles.join() !== current.roles.join();
    const disabledChanged = input.disabled !== undefined && input.disabled !== (current.disabledAt !== null);
    const [row] = await tx
      .update(users)
      .set({
        name: input.name ?? current.name,
        roles: input.roles ?? current.roles,
        disabledAt: input.disabled === undefined ? current.disabledAt : input.disabled ? ctx.now : null,
        // Revoke live sessions when access shrinks, so the change takes effect at once.
        sessionsValidAfter: rolesChanged || (disabledChanged && input.disabled) ? ctx.now : current.sessionsValidAfter,
        updatedAt: ctx.now,
      })
      .where(eq(users.id, userId))
      .returning();
    const audit = { targetType: "user", targetId: userId };
    if (rolesChanged) await appendAudit(tx, ctx, { ...audit, action: "user.roles_changed", details: { email: current.email, from: current.roles, to: input.roles } });
    if (disabledChanged) await appendAudit(tx, ctx, { ...audit, action: input.disabled ? "user.disabled" : "user.enabled", details: { email: current.email } });
    if (input.name !== undefined && input.name !== current.name) await appendAudit(tx, ctx, { ...audit, action: "user.renamed", details: { email: current.email, name: input.name } });
    return toUserView(row!);
  });
}
