import "server-only";
import { Counter } from "prom-client";
import { metrics } from "../telemetry/metrics";

function create() {
  return {
    requests: new Counter({
      name: "countersign_otlp_requests_total",
      help: "OTLP/HTTP export requests, by response status.",
      labelNames: ["status"] as const,
      registers: [metrics.registry],
    }),
    records: new Counter({
      name: "countersign_otlp_records_total",
      help: "OTLP log records received, by what became of them.",
      labelNames: ["kind"] as const,
      registers: [metrics.registry],
    }),
  };
}

const state = globalThis as unknown as { __countersignIngestMetrics?: ReturnType<typeof create> };
export const ingestMetrics = (state.__countersignIngestMetrics ??= create());
