import "server-only";
import { ROLES, type Role } from "@/lib/core/accounts";
import type { DbOrTx } from "../db";
import { forbidden, unauthenticated } from "../errors";

export { ROLES, type Role };

export type UserActor = {
  type: "user";
  userId: string;
  email: string;
  roles: Role[];
  via: "session" | "api_token";
};

/** Who is calling: a signed-in user, the system itself (scheduler, CLI), or nobody. */
export type Actor = UserActor | { type: "system"; name: string } | { type: "anonymous" };

/** What every service function receives: the database (or transaction), the caller, the time. */
export type Ctx = { db: DbOrTx; actor: Actor; now: Date; ip?: string };

/** The first line of a service: throws unless the caller holds one of the roles (system passes). */
export function requireRole(ctx: Ctx, ...roles: Role[]): UserActor | { type: "system"; name: string } {
  const { actor } = ctx;
  if (actor.type === "system") return actor;
  if (actor.type !== "user") throw unauthenticated();
  if (!actor.roles.some((role) => roles.includes(role))) throw forbidden();
  return actor;
}

/** The first line of a self-service function: any signed-in user. */
export function requireUser(ctx: Ctx): UserActor {
  if (ctx.actor.type !== "user") throw unauthenticated();
  return ctx.actor;
}

export const ANY_ROLE: Role[] = [...ROLES];
