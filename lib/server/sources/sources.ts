import "server-only";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { appendAudit } from "../audit";
import { requireRole, type Ctx } from "../auth/actor";
import { hashSecret, newSecret } from "../auth/secrets";
import type { DbOrTx } from "../db";
import { decisionRollupMinute, sources } from "../db/schema";
import { conflict, notFound } from "../errors";
import { parseInput } from "../http/parse-input";
import { CreateSourceInput } from "./schemas";

export const INGEST_TOKEN_PREFIX = "csi";

export type SourceView = {
  id: string;
  name: string;
  description: string;
  tokenPrefix: string;
  expectedIntervalSeconds: number;
  createdAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  decisionCount: number;
};

/** The authenticated sender of an ingest request. */
export type IngestSource = { id: string; name: string };

/** Creates a named source and its ingest token (admin); the token is returned once, stored hashed. */
export async function createSource(ctx: Ctx, rawInput: CreateSourceInput): Promise<{ source: SourceView; token: string }> {
  requireRole(ctx, "admin");
  const input = parseInput(CreateSourceInput, rawInput);
  const token = newSecret(INGEST_TOKEN_PREFIX);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sources)
      .values({
        name: input.name,
        description: input.description,
        expectedIntervalSeconds: input.expectedIntervalSeconds,
        tokenHash: hashSecret(token),
        tokenPrefix: token.slice(0, INGEST_TOKEN_PREFIX.length + 7),
        createdAt: ctx.now,
        createdBy: ctx.actor.type === "user" ? ctx.actor.userId : null,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict(`A source named "${input.name}" already exists.`, "DUPLICATE_NAME");
    await appendAudit(tx, ctx, { action: "source.created", targetType: "source", targetId: row.id, details: { name: row.name, prefix: row.tokenPrefix } });
    return { source: { ...toView(row), decisionCount: 0 }, token };
  });
}

function toView(row: typeof sources.$inferSelect): Omit<SourceView, "decisionCount"> {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    tokenPrefix: row.tokenPrefix,
    expectedIntervalSeconds: row.expectedIntervalSeconds,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
  };
}

/** Every source with its last-seen time and stored decision count (any role: sources are shared context). */
export async function listSources(ctx: Ctx): Promise<SourceView[]> {
  requireRole(ctx, "admin", "oncall", "auditor");
  const counts = ctx.db
    .select({ sourceId: decisionRollupMinute.sourceId, n: sql<number>`sum(${decisionRollupMinute.count})::bigint`.as("n") })
    .from(decisionRollupMinute)
    .groupBy(decisionRollupMinute.sourceId)
    .as("counts");
  const rows = await ctx.db
    .select({ source: sources, n: counts.n })
    .from(sources)
    .leftJoin(counts, eq(counts.sourceId, sources.id))
    .orderBy(sql`${sources.revokedAt} is not null`, desc(sources.createdAt));
  return rows.map((r) => ({ ...toView(r.source), decisionCount: Number(r.n ?? 0) }));
}

/** Revokes a source's ingest token (admin); its next request is refused. */
export async function revokeSource(ctx: Ctx, sourceId: string): Promise<void> {
  requireRole(ctx, "admin");
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(sources)
      .set({ revokedAt: ctx.now })
      .where(and(eq(sources.id, sourceId), isNull(sources.revokedAt)))
      .returning();
    if (!row) throw notFound("An active source with that id");
    await appendAudit(tx, ctx, { action: "source.revoked", targetType: "source", targetId: sourceId, details: { name: row.name } });
  });
}

/** Resolves a bearer ingest token to its source, or undefined when unknown or revoked. */
export async function authenticateIngestToken(db: DbOrTx, token: string): Promise<IngestSource | undefined> {
  if (!token.startsWith(`${INGEST_TOKEN_PREFIX}_`) || token.length > 200) return undefined;
  const [row] = await db
    .select({ id: sources.id, name: sources.name, revokedAt: sources.revokedAt })
    .from(sources)
    .where(eq(sources.tokenHash, hashSecret(token)));
  return row && !row.revokedAt ? { id: row.id, name: row.name } : undefined;
}

const LAST_SEEN_RESOLUTION_MS = 5_000;

/** Records that a source sent something; at most one write per source every few seconds. */
export async function touchSource(db: DbOrTx, sourceId: string, at: Date): Promise<void> {
  const stale = new Date(at.getTime() - LAST_SEEN_RESOLUTION_MS);
  await db
    .update(sources)
    .set({ lastSeenAt: at })
    .where(and(eq(sources.id, sourceId), or(isNull(sources.lastSeenAt), lt(sources.lastSeenAt, stale))));
}
