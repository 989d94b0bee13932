// Test support for the grant services: people with roles, settings with a fixed key ring, time.
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { loadGrantKeyRing, resolveGrantPolicy, type GrantPolicy } from "@/lib/core/grants";
import { RFC8032_TEST2_KEY, RFC8037_KEY } from "@/lib/core/grants/testdata/keys";
import type { Role } from "@/lib/core/accounts";
import type { Ctx } from "../auth/actor";
import type { DbOrTx } from "../db";
import { rowsOf } from "../db/migrate";
import { AppError } from "../errors";
import { FROZEN_NOW, systemCtx, userCtx } from "../testing/contexts";
import { createUser, type UserView } from "../users";
import { setGrantSettings } from "./grant-settings";

export const ISSUER = "https://console.example.test";
export const AUDIENCE = "countersign-gates";
export const MINUTE = 60_000;

/** Installs grant settings: the RFC 8037 key signs, the RFC 8032 key is an older published key. */
export async function installGrantSettings(policy: Partial<GrantPolicy> = {}): Promise<void> {
  const ring = await loadGrantKeyRing({ keys: [RFC8032_TEST2_KEY, RFC8037_KEY] });
  setGrantSettings({ policy: resolveGrantPolicy(policy), issuer: ISSUER, audience: AUDIENCE, keyRing: async () => ring });
}

/** A clock for one test: `at(m)` is FROZEN_NOW plus m minutes. */
export const at = (minutes: number): Date => new Date(FROZEN_NOW.getTime() + minutes * MINUTE);

export type Person = UserView & { ctx(now?: Date): Ctx };

let counter = 0;
/** A new user with these roles, and a context that acts as them (their session roles as given). */
export async function person(db: DbOrTx, roles: Role[], name = roles.join("-")): Promise<Person> {
  const user = await createUser(systemCtx(db), { email: `${name}-${++counter}@example.com`, roles, password: "grant test password" });
  return { ...user, ctx: (now = FROZEN_NOW) => userCtx(db, user, now) };
}

/** The AppError a promise rejects with (fails the test when it resolves or throws something else). */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Audit actions recorded for a grant, oldest first. */
export async function auditActions(db: DbOrTx, grantId: string): Promise<string[]> {
  const rows = rowsOf<{ action: string }>(await db.execute(sql`select action from audit_log where target_id = ${grantId} order by seq`));
  return rows.map((r) => r.action);
}

/** A request body with sensible defaults. */
export function requestBody(operator: string, over: Record<string, unknown> = {}) {
  return {
    operator,
    scope: { surfaces: ["payments"], actions: ["refund"] },
    justification: "INC-4711: refunds stuck behind a mis-scoped deny rule",
    ticket: "INC-4711",
    durationSeconds: 3600,
    ...over,
  };
}
