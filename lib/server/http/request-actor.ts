import "server-only";
import type { Actor } from "../auth/actor";
import { actorFromSessionToken, sessionTokenFromCookieHeader } from "../auth/session";
import { getConfig } from "../config";
import type { DbOrTx } from "../db";
import { AppError, unauthenticated } from "../errors";
import { authenticateApiToken } from "../tokens";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Who sent the request: a bearer API token wins over a session cookie; neither is anonymous. */
export async function resolveRequestActor(req: Request, db: DbOrTx, now: Date): Promise<Actor> {
  const authorization = req.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(authorization.trim());
    if (!match) throw unauthenticated("The Authorization header must be `Bearer <API token>`.");
    const actor = await authenticateApiToken(db, match[1]!, now);
    if (!actor) throw unauthenticated("The API token is unknown, revoked or expired.");
    return actor;
  }
  const session = await actorFromSessionToken(db, sessionTokenFromCookieHeader(req.headers.get("cookie")), now);
  if (!session) return { type: "anonymous" };
  assertSameOrigin(req);
  return session;
}

/**
 * Cookie-authenticated state changes must come from the console's own pages: a browser always
 * sends Origin on cross-site POSTs, so a foreign or missing Origin is refused.
 */
export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get("origin");
  const allowed = new Set([new URL(req.url).origin, new URL(getConfig().publicUrl).origin]);
  const host = req.headers.get("host");
  if (host) allowed.add(`${new URL(req.url).protocol}//${host}`);
  if (origin ? allowed.has(origin) : req.headers.get("sec-fetch-site") === "same-origin") return;
  throw new AppError("FORBIDDEN", "Cross-origin requests may not change anything here.", { reason: "CROSS_ORIGIN" });
}
