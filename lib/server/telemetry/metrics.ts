import "server-only";
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "countersign_" });
  return {
    registry,
    httpRequests: new Counter({
      name: "countersign_http_requests_total",
      help: "HTTP requests handled, by route, method and status.",
      labelNames: ["route", "method", "status"] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "countersign_http_request_duration_seconds",
      help: "HTTP request latency, by route, method and status.",
      labelNames: ["route", "method", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    receipts: new Counter({
      name: "countersign_receipts_total",
      help: "Receipts received on POST /api/v1/receipts, by outcome (stored, duplicate, equivocation, rejected) and verdict.",
      labelNames: ["status", "verdict"] as const,
      registers: [registry],
    }),
  };
}

const state = globalThis as unknown as { __countersignMetrics?: ReturnType<typeof createMetrics> };

/** The process's Prometheus registry and the counters every issue adds to. */
export const metrics = (state.__countersignMetrics ??= createMetrics());
