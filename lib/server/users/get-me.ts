import "server-only";
import { eq } from "drizzle-orm";
import { requireUser, type Ctx } from "../auth/actor";
import { users } from "../db/schema";
import { notFound } from "../errors";
import { toUserView, type UserView } from "./user-view";

/** The caller's own account. */
export async function getMe(ctx: Ctx): Promise<UserView> {
  const actor = requireUser(ctx);
  const [row] = await ctx.db.select().from(users).where(eq(users.id, actor.userId));
  if (!row) throw notFound("Your account");
  return toUserView(row);
}
