import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Role } from "@/lib/core/accounts";
import { appendAudit } from "../audit";
import { requireRole, requireUser, type Ctx, type UserActor } from "../auth/actor";
import { hashSecret, newSecret } from "../auth/secrets";
import type { DbOrTx } from "../db";
import { apiTokens, users } from "../db/schema";
import { AppError, notFound } from "../errors";
import { parseInput } from "../http/parse-input";
import { CreateApiTokenInput } from "./schemas";

export const API_TOKEN_PREFIX = "csk";

export type ApiTokenView = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  userEmail?: string;
};

function toView(row: typeof apiTokens.$inferSelect, userEmail?: string): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    ...(userEmail ? { userEmail } : {}),
  };
}

async function insertToken(ctx: Ctx, user: { id: string; email: string }, input: { name: string; expiresInDays?: number }) {
  const token = newSecret(API_TOKEN_PREFIX);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId: user.id,
        name: input.name,
        tokenHash: hashSecret(token),
        prefix: token.slice(0, API_TOKEN_PREFIX.length + 7),
        createdAt: ctx.now,
        expiresAt: input.expiresInDays ? new Date(ctx.now.getTime() + input.expiresInDays * 86_400_000) : null,
      })
      .returning();
    await appendAudit(tx, ctx, {
      action: "api_token.created",
      targetType: "api_token",
      targetId: row!.id,
      details: { name: input.name, owner: user.email, prefix: row!.prefix },
    });
    return { token, view: toView(row!) };
  });
}

/** Creates a personal API token for the caller; the secret is returned once and stored hashed. */
export async function createApiToken(ctx: Ctx, rawInput: CreateApiTokenInput) {
  const actor = requireUser(ctx);
  return insertToken(ctx, { id: actor.userId, email: actor.email }, parseInput(CreateApiTokenInput, rawInput));
}

/** Creates a token for the user with this email (admin, or the system from the admin CLI). */
export async function createApiTokenForUser(ctx: Ctx, email: string, rawInput: CreateApiTokenInput) {
  requireRole(ctx, "admin");
  const [user] = await ctx.db.select().from(users).where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  if (!user) throw notFound(`A user with the email ${email}`);
  if (user.disabledAt) throw new AppError("CONFLICT", `The user ${email} is disabled.`);
  return insertToken(ctx, user, parseInput(CreateApiTokenInput, rawInput));
}

/** The caller's own tokens, newest first. */
export async function listApiTokens(ctx: Ctx): Promise<ApiTokenView[]> {
  const actor = requireUser(ctx);
  const rows = await ctx.db.select().from(apiTokens).where(eq(apiTokens.userId, actor.userId)).orderBy(desc(apiTokens.createdAt));
  return rows.map((row) => toView(row));
}

/** Revokes a token: the owner's own, or any token for an admin. Takes effect on the next request. */
export async function revokeApiToken(ctx: Ctx, tokenId: string): Promise<void> {
  const actor = requireUser(ctx);
  const isAdmin = actor.roles.includes("admin");
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: ctx.now })
      .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt), isAdmin ? undefined : eq(apiTokens.userId, actor.userId)))
      .returning();
    if (!row) throw notFound("An active token with that id");
    await appendAudit(tx, ctx, { action: "api_token.revoked", targetType: "api_token", targetId: tokenId, details: { name: row.name, prefix: row.prefix } });
  });
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** Resolves a bearer API token to its user, or undefined when unknown, revoked, expired or disabled. */
export async function authenticateApiToken(db: DbOrTx, token: string, now: Date): Promise<UserActor | undefined> {
  if (!token.startsWith(`${API_TOKEN_PREFIX}_`) || token.length > 200) return undefined;
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, hashSecret(token)));
  if (!row || row.token.revokedAt || row.user.disabledAt) return undefined;
  if (row.token.expiresAt && row.token.expiresAt <= now) return undefined;
  if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token.id));
  }
  return { type: "user", userId: row.user.id, email: row.user.email, roles: row.user.roles as Role[], via: "api_token" };
}
