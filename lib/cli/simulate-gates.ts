// N simulated gates, each its own OpenTelemetry LoggerProvider (own resource, own batch
// processor, own real OTLP exporter), as N separate gate processes would be. What reaches the
// console is counted at the exporter, so the summary reports what was really delivered.
import { diag, DiagLogLevel, type DiagLogger, type LogRecord } from "@opentelemetry/api";
import { ExportResultCode, type ExportResult } from "@opentelemetry/core";
import { OTLPLogExporter as JsonExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPLogExporter as ProtoExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { CompressionAlgorithm } from "@opentelemetry/otlp-exporter-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter, type ReadableLogRecord } from "@opentelemetry/sdk-logs";
import { setTimeout as sleep } from "node:timers/promises";

export type OtlpProtocol = "http/protobuf" | "http/json";

export type FleetConfig = {
  /** The console's base URL; records go to `<url>/v1/logs`. */
  url: string;
  token: string;
  protocol: OtlpProtocol;
  gzip: boolean;
  gates: readonly string[];
  version: string;
};

type Counts = { emitted: number; delivered: number; failed: number };

/** What the fleet emitted and what the console acknowledged. */
export type DeliveryTally = {
  decisions: Counts;
  heartbeats: Counts;
  /** Records the console answered as unusable (`partialSuccess.rejectedLogRecords`). */
  rejected: number;
  /** The last export failure or partial-success message, for the summary. */
  lastError: string | undefined;
};

// Backpressure: a gate with this many records not yet acknowledged flushes before emitting more,
// so a fast run never overflows the batch processor's queue (which would drop records silently).
const HIGH_WATER = 4096;
const MAX_QUEUE = 4 * HIGH_WATER;
const PARTIAL_SUCCESS = "Received Partial Success response:";

const isHeartbeat = (record: ReadableLogRecord) => record.attributes["event.name"] === "gate.heartbeat";

/** Wraps the real exporter and counts each batch's records by the result the exporter reported. */
class CountingExporter implements LogRecordExporter {
  outstanding = 0;
  constructor(
    private readonly inner: LogRecordExporter,
    private readonly tally: DeliveryTally,
  ) {}

  export(records: ReadableLogRecord[], done: (result: ExportResult) => void): void {
    this.inner.export(records, (result) => {
      const ok = result.code === ExportResultCode.SUCCESS;
      for (const record of records) this.tally[isHeartbeat(record) ? "heartbeats" : "decisions"][ok ? "delivered" : "failed"]++;
      if (!ok) this.tally.lastError = result.error?.message ?? "export failed";
      this.outstanding -= records.length;
      done(result);
    });
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

// The SDK reports a partial success only through its diagnostic logger: read the count from there.
function partialSuccessListener(tally: DeliveryTally): DiagLogger {
  const ignore = () => {};
  return {
    error: ignore,
    info: ignore,
    debug: ignore,
    verbose: ignore,
    warn(message: string, ...args: unknown[]) {
      if (!message.startsWith(PARTIAL_SUCCESS) || typeof args[0] !== "string") return;
      const partial = JSON.parse(args[0]) as { rejectedLogRecords?: string | number; errorMessage?: string };
      tally.rejected += Number(partial.rejectedLogRecords ?? 0);
      if (partial.errorMessage) tally.lastError = partial.errorMessage;
    },
  };
}

function makeExporter(config: FleetConfig): LogRecordExporter {
  const settings = {
    url: `${config.url}/v1/logs`,
    headers: { Authorization: `Bearer ${config.token}` },
    compression: config.gzip ? CompressionAlgorithm.GZIP : CompressionAlgorithm.NONE,
  };
  return config.protocol === "http/json" ? new JsonExporter(settings) : new ProtoExporter(settings);
}

type Gate = { provider: LoggerProvider; logger: ReturnType<LoggerProvider["getLogger"]>; exporter: CountingExporter };

/** The simulated gates: emit records per gate, relieve backlogs, flush and shut down. */
export class GateFleet {
  readonly tally: DeliveryTally = {
    decisions: { emitted: 0, delivered: 0, failed: 0 },
    heartbeats: { emitted: 0, delivered: 0, failed: 0 },
    rejected: 0,
    lastError: undefined,
  };
  private readonly gates = new Map<string, Gate>();

  constructor(config: FleetConfig) {
    diag.setLogger(partialSuccessListener(this.tally), { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
    for (const gate of config.gates) {
      const exporter = new CountingExporter(makeExporter(config), this.tally);
      const resource = resourceFromAttributes({
        "service.name": "countersign-simulator",
        "service.version": config.version,
        "service.instance.id": gate,
        "gate.id": gate,
      });
      const processor = new BatchLogRecordProcessor({ exporter, maxExportBatchSize: 512, maxQueueSize: MAX_QUEUE, scheduledDelayMillis: 1000 });
      const provider = new LoggerProvider({ resource, processors: [processor] });
      this.gates.set(gate, { provider, exporter, logger: provider.getLogger("countersign.simulator", config.version) });
    }
  }

  /** Hands one record to a gate's batch processor. */
  emit(gate: string, kind: "decisions" | "heartbeats", record: LogRecord): void {
    const target = this.gates.get(gate);
    if (!target) throw new TypeError(`no gate ${gate}`);
    target.exporter.outstanding++;
    this.tally[kind].emitted++;
    target.logger.emit(record);
  }

  /** Waits while any gate has too many records in flight. */
  async relieve(): Promise<void> {
    for (const gate of this.gates.values()) {
      while (gate.exporter.outstanding >= HIGH_WATER) {
        await gate.provider.forceFlush();
        // A flush already under way makes forceFlush return at once: give it time to finish.
        if (gate.exporter.outstanding >= HIGH_WATER) await sleep(5);
      }
    }
  }

  /** Exports everything queued and closes the exporters; the tally is final afterwards. */
  async shutdown(): Promise<void> {
    await Promise.all([...this.gates.values()].map((gate) => gate.provider.shutdown()));
    diag.disable();
  }
}
