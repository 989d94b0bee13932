import "server-only";
import { timingSafeEqual } from "node:crypto";
import { getConfig } from "../config";
import { metrics } from "./metrics";

function authorized(header: string | null, token: string | undefined): boolean {
  if (!token) return true;
  const given = Buffer.from(header ?? "");
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Prometheus exposition; protected by COUNTERSIGN_METRICS_TOKEN when it is set. */
export async function metricsResponse(authorization: string | null): Promise<Response> {
  if (!authorized(authorization, getConfig().metricsToken)) {
    return Response.json({ error: { code: "UNAUTHENTICATED", message: "Send the metrics token as a bearer token." } }, { status: 401 });
  }
  return new Response(await metrics.registry.metrics(), {
    headers: { "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" },
  });
}
