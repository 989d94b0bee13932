import "server-only";
import { and, desc, eq, gte, ilike, lt, lte, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { requireRole, type Ctx } from "../auth/actor";
import { auditLog } from "../db/schema";
import { parseInput } from "../http/parse-input";

export const ListAuditInput = z.object({
  action: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(320).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListAuditInput = z.input<typeof ListAuditInput>;

/** Audit entries, newest first, filtered; keyset-paged by sequence number. */
export async function listAudit(ctx: Ctx, rawInput: ListAuditInput) {
  requireRole(ctx, "admin", "auditor");
  const input = parseInput(ListAuditInput, rawInput);
  const filters: SQL[] = [];
  if (input.action) filters.push(ilike(auditLog.action, `${escapeLike(input.action)}%`));
  if (input.actor) filters.push(or(eq(auditLog.actorEmail, input.actor), eq(auditLog.actorId, input.actor))!);
  if (input.from) filters.push(gte(auditLog.at, input.from));
  if (input.to) filters.push(lte(auditLog.at, input.to));
  if (input.cursor) filters.push(lt(auditLog.seq, input.cursor));
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(and(...filters))
    .orderBy(desc(auditLog.seq))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const nextCursor = rows.length > input.limit ? String(items[items.length - 1]!.seq) : null;
  return { items, nextCursor };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
