import type { Role } from "@/lib/core/accounts";
import type { Ctx, UserActor } from "../auth/actor";
import type { DbOrTx } from "../db";

export const FROZEN_NOW = new Date("2026-11-22T10:00:00.000Z");

export function systemCtx(db: DbOrTx, now = FROZEN_NOW): Ctx {
  return { db, actor: { type: "system", name: "test" }, now };
}

export function anonymousCtx(db: DbOrTx, now = FROZEN_NOW, ip = "203.0.113.7"): Ctx {
  return { db, actor: { type: "anonymous" }, now, ip };
}

export function userCtx(db: DbOrTx, user: { id: string; email: string; roles: Role[] }, now = FROZEN_NOW): Ctx {
  const actor: UserActor = { type: "user", userId: user.id, email: user.email, roles: user.roles, via: "session" };
  return { db, actor, now };
}

/** A context for a user that does not exist in the database: enough to exercise role checks. */
export function roleCtx(db: DbOrTx, roles: Role[], now = FROZEN_NOW): Ctx {
  return userCtx(db, { id: "00000000-0000-4000-8000-000000000000", email: `${roles.join("-") || "none"}@example.test`, roles }, now);
}
