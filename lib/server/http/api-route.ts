import "server-only";
import type { Ctx } from "../auth/actor";
import { clientIp } from "../auth/client-ip";
import { getDb } from "../db";
import { AppError, unauthenticated } from "../errors";
import { logger } from "../telemetry/logger";
import { metrics } from "../telemetry/metrics";
import { resolveRequestActor } from "./request-actor";
import { errorResponse } from "./to-http-error";

export type RouteAccess = "public" | "signed-in";
type Segment<P> = { params: Promise<P> };
type Handler<P> = (args: { req: Request; ctx: Ctx; params: P }) => Promise<Response | object>;

/**
 * Wraps a route handler: builds the caller's context, runs the handler (which calls one
 * service), maps errors to the shared JSON shape, and records the request's metrics.
 */
export function apiRoute<P = Record<string, never>>(name: string, access: RouteAccess, handler: Handler<P>) {
  return async (req: Request, segment: Segment<P>): Promise<Response> => {
    const started = performance.now();
    let response: Response;
    try {
      const db = await getDb().catch((error: unknown) => {
        logger.warn({ err: error, route: name }, "database unavailable");
        throw new AppError("UNAVAILABLE", "The database is unavailable; retry shortly.", { retryAfterSeconds: 5 });
      });
      const now = new Date();
      const actor = access === "public" ? ({ type: "anonymous" } as const) : await resolveRequestActor(req, db, now);
      if (access === "signed-in" && actor.type === "anonymous") throw unauthenticated();
      const params = segment?.params ? await segment.params : ({} as P);
      const result = await handler({ req, ctx: { db, actor, now, ip: clientIp(req.headers) }, params });
      response = result instanceof Response ? result : Response.json(result, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      response = errorResponse(error, name);
    }
    const labels = { route: name, method: req.method, status: String(response.status) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, (performance.now() - started) / 1000);
    return response;
  };
}
