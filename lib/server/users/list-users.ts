import "server-only";
import { asc } from "drizzle-orm";
import { requireRole, type Ctx } from "../auth/actor";
import { users } from "../db/schema";
import { toUserView, type UserView } from "./user-view";

/** Every account, by email (admin only). Console user counts are small; no paging needed. */
export async function listUsers(ctx: Ctx): Promise<UserView[]> {
  requireRole(ctx, "admin");
  const rows = await ctx.db.select().from(users).orderBy(asc(users.email));
  return rows.map(toUserView);
}
