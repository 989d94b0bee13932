import { metricsResponse } from "@/lib/server/telemetry/metrics-endpoint";

export function GET(req: Request): Promise<Response> {
  return metricsResponse(req.headers.get("authorization"));
}
