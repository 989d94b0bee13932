// Test support: real log records from the OpenTelemetry JS SDK, serialized by the real OTLP
// serializers, so decoder tests read exactly what an exporter puts on the wire.
import type { AnyValue, Attributes } from "@opentelemetry/api";
import { JsonLogsSerializer, ProtobufLogsSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemoryLogRecordExporter, LoggerProvider, type ReadableLogRecord, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";

export interface SdkLogInput {
  body?: AnyValue;
  eventName?: string;
  attributes?: Attributes;
  /** [seconds, nanoseconds] since the epoch. */
  timestamp: [number, number];
  observedTimestamp?: [number, number];
  severityNumber?: number;
  severityText?: string;
  scope?: { name: string; version?: string };
}

/** Emits `inputs` through a LoggerProvider with `resource` and returns what the exporter got. */
export async function sdkLogRecords(resource: Record<string, string | number | boolean>, inputs: SdkLogInput[]): Promise<ReadableLogRecord[]> {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes(resource),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  for (const input of inputs) {
    const logger = provider.getLogger(input.scope?.name ?? "countersign.test", input.scope?.version);
    logger.emit({
      body: input.body,
      eventName: input.eventName,
      attributes: input.attributes,
      timestamp: input.timestamp,
      observedTimestamp: input.observedTimestamp ?? input.timestamp,
      severityNumber: input.severityNumber,
      severityText: input.severityText,
    });
  }
  await provider.forceFlush();
  const records = exporter.getFinishedLogRecords();
  await provider.shutdown();
  return records;
}

/** The bytes @opentelemetry/exporter-logs-otlp-proto would POST for these records. */
export function protobufPayload(records: ReadableLogRecord[]): Uint8Array {
  const bytes = ProtobufLogsSerializer.serializeRequest(records);
  if (!bytes) throw new Error("ProtobufLogsSerializer produced nothing");
  return bytes;
}

/** The bytes @opentelemetry/exporter-logs-otlp-http (http/json) would POST for these records. */
export function jsonPayload(records: ReadableLogRecord[]): Uint8Array {
  const bytes = JsonLogsSerializer.serializeRequest(records);
  if (!bytes) throw new Error("JsonLogsSerializer produced nothing");
  return bytes;
}

/** A Claude Code tool_decision as Claude Code emits it (attribute names from its monitoring docs). */
export function claudeCodeToolDecision(n: number, decision: "accept" | "reject", source: string, tool = "Bash"): SdkLogInput {
  const seconds = 1795183237 + n;
  return {
    body: "claude_code.tool_decision",
    attributes: {
      "event.name": "tool_decision",
      "event.timestamp": new Date(seconds * 1000 + 250).toISOString(),
      "event.sequence": n,
      "session.id": "0b7c3a52-6e1f-4f0e-9c55-3f7d0a1e9b21",
      "prompt.id": "f3c1d5a0-94a7-4a5e-bb86-1c2d3e4f5a6b",
      "user.id": "5d2a8f0c3b1e4d6f9a7c8b0e1d2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f",
      "user.account_uuid": "9a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
      "user.email": "dev@example.com",
      "organization.id": "1e2d3c4b-5a69-4788-9aab-bccddeeff001",
      "terminal.type": "vscode",
      tool_name: tool,
      tool_use_id: `toolu_01${n}`,
      decision,
      source,
    },
    timestamp: [seconds, 123456789],
    observedTimestamp: [seconds, 223456789],
    scope: { name: "com.anthropic.claude_code.events", version: "2.1.0" },
  };
}

/** The resource Claude Code's SDK sets up. */
export const CLAUDE_CODE_RESOURCE = {
  "service.name": "claude-code",
  "service.version": "2.1.0",
  "os.type": "linux",
  "host.arch": "amd64",
};
