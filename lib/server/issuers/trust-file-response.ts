import "server-only";
import type { TrustFileJson } from "@/lib/core/receipts";
import type { Ctx } from "../auth/actor";
import { resolveRequestActor } from "../http/request-actor";

/**
 * The context for the trust-file routes, which serve signed-in users and, when public
 * verification is on, anyone: the caller is resolved here rather than required by the route.
 */
export async function requestVerifyContext(req: Request, ctx: Ctx): Promise<Ctx> {
  return { ...ctx, actor: await resolveRequestActor(req, ctx.db, ctx.now) };
}

/** A trust file as a JSON download named after the issuer. */
export function trustFileResponse(file: TrustFileJson, name: string): Response {
  const filename = `${name.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 100) || "issuers"}.trust.json`;
  return Response.json(file, { headers: { "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" } });
}
