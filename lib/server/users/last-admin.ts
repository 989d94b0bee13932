import "server-only";
import { and, isNull, ne, sql } from "drizzle-orm";
import type { Tx } from "../db";
import { users } from "../db/schema";
import { conflict } from "../errors";

/**
 * Refuses a change that would leave no enabled admin. Locks the admin rows first so two
 * concurrent demotions cannot each see the other as the remaining admin.
 */
export async function assertAnotherAdminRemains(tx: Tx, userId: string): Promise<void> {
  const others = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(ne(users.id, userId), isNull(users.disabledAt), sql`'admin' = any(${users.roles})`))
    .for("update");
  if (others.length === 0) {
    throw conflict("This is the last enabled admin: make another user an admin first.", "LAST_ADMIN");
  }
}
