import "server-only";
import { asc, gt } from "drizzle-orm";
import { createChainVerifier, type ChainVerdict } from "@/lib/core/audit";
import { requireRole, type Ctx } from "../auth/actor";
import { auditLog } from "../db/schema";

const PAGE = 2000;

/** Re-walks the whole audit chain and names the first broken link, if any. */
export async function verifyAuditChain(ctx: Ctx): Promise<ChainVerdict> {
  requireRole(ctx, "admin", "auditor");
  const verifier = createChainVerifier();
  let after = 0;
  for (;;) {
    const page = await ctx.db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(PAGE);
    for (const row of page) if (!verifier.push(row)) return verifier.verdict();
    if (page.length < PAGE) return verifier.verdict();
    after = page[page.length - 1]!.seq;
  }
}
