import "server-only";
import { appendAudit } from "../audit";
import { requireRole, type Ctx } from "../auth/actor";
import { hashPassword } from "../auth/password";
import { users } from "../db/schema";
import { conflict } from "../errors";
import { parseInput } from "../http/parse-input";
import { CreateUserInput } from "./schemas";
import { toUserView, type UserView } from "./user-view";

/** Creates a password account (admin only). */
export async function createUser(ctx: Ctx, rawInput: CreateUserInput): Promise<UserView> {
  requireRole(ctx, "admin");
  const input = parseInput(CreateUserInput, rawInput);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, roles: input.roles, passwordHash, passwordChangedAt: ctx.now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict(`A user with the email ${input.email} already exists.`, "DUPLICATE_EMAIL");
    await appendAudit(tx, ctx, {
      action: "user.created",
      targetType: "user",
      targetId: row.id,
      details: { email: row.email, roles: row.roles },
    });
    return toUserView(row);
  });
}
