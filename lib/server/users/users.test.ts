import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../audit";
import { AppError } from "../errors";
import { anonymousCtx, FROZEN_NOW, roleCtx, systemCtx, userCtx } from "../testing/contexts";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/test-database";
import { authenticateApiToken, createApiToken, createApiTokenForUser, revokeApiToken } from "../tokens";
import {
  changeOwnPassword,
  completeSetup,
  createUser,
  ensureFirstAdmin,
  listUsers,
  resetPassword,
  signInWithOidc,
  signInWithPassword,
  updateUser,
  type UserView,
} from "./index";

const POLICY = { maxFailures: 3, lockoutSeconds: 900 };
const PASSWORD = "correct horse battery";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(await databaseKinds())("accounts on %s", (kind) => {
  let database: TestDatabase;
  let admin: UserView;
  const adminCtx = () => userCtx(database.db, admin);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const link = await ensureFirstAdmin(systemCtx(database.db), { publicUrl: "http://localhost:3000" });
    expect(link.kind).toBe("setup_link");
    const token = new URL(link.kind === "setup_link" ? link.url : "http://x").searchParams.get("token")!;
    await completeSetup(anonymousCtx(database.db), { token, email: "Root@Example.com", password: PASSWORD });
    admin = (await listUsers(systemCtx(database.db)))[0]!;
  });
  afterAll(() => database.drop());

  it("set up the first admin through the one-time link, which cannot be reused", async () => {
    expect(admin).toMatchObject({ email: "root@example.com", roles: ["admin"], disabled: false });
    expect(await ensureFirstAdmin(systemCtx(database.db), { publicUrl: "http://x" })).toEqual({ kind: "exists" });
    const error = await rejection(completeSetup(anonymousCtx(database.db), { token: "setup_reused-or-made-up", email: "x@example.com", password: PASSWORD }));
    expect(error.code).toBe("FORBIDDEN");
  });

  it("creates users and refuses a duplicate email in any case", async () => {
    const user = await createUser(adminCtx(), { email: "dup@example.com", roles: ["oncall"], password: PASSWORD });
    expect(user.roles).toEqual(["oncall"]);
    const error = await rejection(createUser(adminCtx(), { email: "DUP@example.com", roles: ["auditor"], password: PASSWORD }));
    expect(error).toMatchObject({ code: "CONFLICT", details: { reason: "DUPLICATE_EMAIL" } });
  });

  it("refuses unknown roles, weak passwords and SQL-looking emails with field errors", async () => {
    const error = await rejection(createUser(adminCtx(), { email: "x'; drop table users;--@x", roles: ["root" as never], password: "short" }));
    expect(error.code).toBe("VALIDATION");
    expect(Object.keys(error.details?.fields ?? {})).toEqual(expect.arrayContaining(["email", "roles.0", "password"]));
    expect((await listUsers(adminCtx())).some((u) => u.email.includes("drop"))).toBe(false);
  });

  it("refuses every write to callers without the admin role, and unauthenticated callers", async () => {
    for (const roles of [["auditor"], ["oncall"], ["auditor", "oncall"]] as const) {
      const ctx = roleCtx(database.db, [...roles]);
      expect((await rejection(createUser(ctx, { email: "n@example.com", roles: ["admin"], password: PASSWORD }))).code).toBe("FORBIDDEN");
      expect((await rejection(updateUser(ctx, admin.id, { disabled: true }))).code).toBe("FORBIDDEN");
      expect((await rejection(resetPassword(ctx, admin.id, { password: PASSWORD }))).code).toBe("FORBIDDEN");
      expect((await rejection(listUsers(ctx))).code).toBe("FORBIDDEN");
    }
    expect((await rejection(listUsers(anonymousCtx(database.db)))).code).toBe("UNAUTHENTICATED");
  });

  it("never disables or demotes the last admin", async () => {
    for (const change of [{ disabled: true }, { roles: ["auditor" as const] }]) {
      const error = await rejection(updateUser(adminCtx(), admin.id, change));
      expect(error.details?.reason).toBe("LAST_ADMIN");
    }
    const second = await createUser(adminCtx(), { email: "admin2@example.com", roles: ["admin"], password: PASSWORD });
    const demoted = await updateUser(adminCtx(), second.id, { roles: ["auditor"] });
    expect(demoted.roles).toEqual(["auditor"]);
  });

  it("signs in with the right password only, without saying whether the account exists", async () => {
    const ok = await signInWithPassword(anonymousCtx(database.db), { email: "ROOT@example.com", password: PASSWORD }, POLICY);
    expect(ok).toMatchObject({ ok: true, user: { email: "root@example.com" } });
    const wrong = await signInWithPassword(anonymousCtx(database.db, FROZEN_NOW, "198.51.100.1"), { email: "root@example.com", password: "nope" }, POLICY);
    const missing = await signInWithPassword(anonymousCtx(database.db, FROZEN_NOW, "198.51.100.2"), { email: "ghost@example.com", password: "nope" }, POLICY);
    expect(wrong).toEqual(missing);
    expect(wrong).toMatchObject({ ok: false, code: "INVALID_CREDENTIALS" });
  });

  it("locks an account out after repeated failures, then lets it in after the lockout", async () => {
    await createUser(adminCtx(), { email: "victim@example.com", roles: ["auditor"], password: PASSWORD });
    const attempt = (password: string, at: Date) =>
      signInWithPassword(anonymousCtx(database.db, at, "192.0.2.10"), { email: "victim@example.com", password }, POLICY);
    for (let i = 0; i < POLICY.maxFailures; i++) expect((await attempt("guess", FROZEN_NOW)).ok).toBe(false);
    expect(await attempt(PASSWORD, FROZEN_NOW)).toMatchObject({ ok: false, code: "THROTTLED" });
    expect((await attempt(PASSWORD, new Date(FROZEN_NOW.getTime() + 901_000))).ok).toBe(true);
  });

  it("refuses sign-in to a disabled account, and resets and changes passwords", async () => {
    const user = await createUser(adminCtx(), { email: "temp@example.com", roles: ["oncall"], password: PASSWORD });
    await updateUser(adminCtx(), user.id, { disabled: true });
    expect((await signInWithPassword(anonymousCtx(database.db), { email: user.email, password: PASSWORD }, POLICY)).ok).toBe(false);
    await updateUser(adminCtx(), user.id, { disabled: false });
    await resetPassword(adminCtx(), user.id, { password: "a brand new password" });
    const ctx = userCtx(database.db, user);
    expect((await rejection(changeOwnPassword(ctx, { currentPassword: PASSWORD, newPassword: "another long password" }))).code).toBe("VALIDATION");
    await changeOwnPassword(ctx, { currentPassword: "a brand new password", newPassword: "another long password" });
    expect((await signInWithPassword(anonymousCtx(database.db), { email: user.email, password: "another long password" }, POLICY)).ok).toBe(true);
  });

  it("signs in single-sign-on users with roles from their groups, refusing unmapped and disabled ones", async () => {
    const map = { sre: ["oncall" as const], "sec-audit": ["auditor" as const] };
    const profile = { subject: "idp|42", email: "SSO@Example.com", name: "Sso User", groups: ["sre"] };
    const first = await signInWithOidc(anonymousCtx(database.db), profile, map);
    expect(first).toMatchObject({ email: "sso@example.com", roles: ["oncall"] });
    const moved = await signInWithOidc(anonymousCtx(database.db), { ...profile, groups: ["sec-audit"] }, map);
    expect(moved).toMatchObject({ id: first!.id, roles: ["auditor"] });
    expect(await signInWithOidc(anonymousCtx(database.db), { ...profile, groups: ["marketing"] }, map)).toBeUndefined();
    await updateUser(adminCtx(), first!.id, { disabled: true });
    expect(await signInWithOidc(anonymousCtx(database.db), profile, map)).toBeUndefined();
    // An SSO account has no password: password sign-in is refused like any wrong password.
    expect((await signInWithPassword(anonymousCtx(database.db), { email: "sso@example.com", password: "anything at all" }, POLICY)).ok).toBe(false);
  });

  it("issues API tokens that carry the user's roles until revoked or the user is disabled", async () => {
    const user = await createUser(adminCtx(), { email: "script@example.com", roles: ["auditor"], password: PASSWORD });
    const { token, view } = await createApiToken(userCtx(database.db, user), { name: "ci" });
    expect(token).toMatch(/^csk_[A-Za-z0-9_-]{43}$/);
    const [stored] = await database.db.execute<{ token_hash: string }>(sql`select token_hash from api_tokens where id = ${view.id}`).then((r) => (Array.isArray(r) ? r : (r as { rows: { token_hash: string }[] }).rows));
    expect(stored!.token_hash).not.toContain(token.slice(4));
    expect(await authenticateApiToken(database.db, token, FROZEN_NOW)).toMatchObject({ email: user.email, roles: ["auditor"] });
    await revokeApiToken(userCtx(database.db, user), view.id);
    expect(await authenticateApiToken(database.db, token, FROZEN_NOW)).toBeUndefined();

    const second = await createApiTokenForUser(systemCtx(database.db), user.email, { name: "cli" });
    await updateUser(adminCtx(), user.id, { disabled: true });
    expect(await authenticateApiToken(database.db, second.token, FROZEN_NOW)).toBeUndefined();
  });

  it("records every change on an intact audit chain, and names a tampered row", async () => {
    const verdict = await verifyAuditChain(roleCtx(database.db, ["auditor"]));
    expect(verdict.ok).toBe(true);
    const actions = await database.db.execute<{ action: string }>(sql`select action from audit_log order by seq`);
    const names = (Array.isArray(actions) ? actions : (actions as { rows: { action: string }[] }).rows).map((r) => r.action);
    expect(names).toEqual(expect.arrayContaining(["setup.completed", "user.created", "user.roles_changed", "user.disabled", "user.password_reset", "user.password_changed", "auth.signed_in", "auth.sign_in_failed", "auth.sign_in_throttled", "api_token.created", "api_token.revoked"]));

    // A DBA-level edit: the trigger must be bypassed deliberately, as an attacker with superuser would.
    await database.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await database.db.execute(sql`update audit_log set details = '{"email":"someone-else@example.com"}' where seq = 3`);
    await database.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    expect(await verifyAuditChain(roleCtx(database.db, ["admin"]))).toMatchObject({ ok: false, broken: { seq: 3, reason: "hash_mismatch" } });
    expect((await rejection(verifyAuditChain(roleCtx(database.db, ["oncall"])))).code).toBe("FORBIDDEN");
  });
});
