import { gzipSync } from "node:zlib";
import { ExportResultCode, type ExportResult } from "@opentelemetry/core";
import { OTLPLogExporter as ProtoExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPLogExporter as JsonExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter, type ReadableLogRecord } from "@opentelemetry/sdk-logs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonPayload, protobufPayload, sdkLogRecords, type SdkLogInput } from "@/lib/core/otlp/testing/sdk-records";
import { useDatabase } from "../db";
import { rowsOf } from "../db/migrate";
import { openDatabase } from "../db/client";
import { createSource, revokeSource } from "../sources";
import { systemCtx } from "../testing/contexts";
import { serveFetchHandler, type Interceptor } from "../testing/serve-fetch-handler";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/test-database";
import { receiveLogs } from "./receive-logs";

const NOW_S = Math.floor(Date.now() / 1000);

function decision(n: number, extra: Record<string, string> = {}): SdkLogInput {
  return {
    body: "claude_code.tool_decision",
    attributes: { "event.name": "tool_decision", tool_name: n % 2 ? "Bash" : "Write", decision: n % 5 === 0 ? "reject" : "accept", source: "config", "session.id": `s-${n % 3}`, tool_use_id: `toolu_${n}`, "user.email": "dev@example.com", ...extra },
    timestamp: [NOW_S - 60, n * 1000],
  };
}

/** Wraps a real exporter and keeps its ExportResults, so tests assert what the exporter saw. */
class RecordingExporter implements LogRecordExporter {
  readonly results: ExportResult[] = [];
  constructor(private readonly inner: LogRecordExporter) {}
  export(logs: ReadableLogRecord[], done: (result: ExportResult) => void): void {
    this.inner.export(logs, (result) => {
      this.results.push(result);
      done(result);
    });
  }
  shutdown() {
    return this.inner.shutdown();
  }
  forceFlush() {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

async function exportThrough(exporter: LogRecordExporter, inputs: SdkLogInput[]) {
  const recording = new RecordingExporter(exporter);
  const provider = new LoggerProvider({ resource: resourceFromAttributes({ "service.name": "gate-test" }), processors: [new BatchLogRecordProcessor({ exporter: recording, maxExportBatchSize: 1000, maxQueueSize: 2000, scheduledDelayMillis: 60_000 })] });
  const logger = provider.getLogger("gate");
  for (const input of inputs) logger.emit({ body: input.body, attributes: input.attributes, timestamp: input.timestamp });
  await provider.forceFlush();
  await provider.shutdown();
  return recording.results;
}

describe.each(await databaseKinds())("OTLP/HTTP receiver on %s", (kind) => {
  let database: TestDatabase;
  let token: string;
  let sourceId: string;
  let server: Awaited<ReturnType<typeof serveFetchHandler>>;

  const count = async () => rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from decision_events where source_id = ${sourceId}`))[0]!.n;
  const rollupTotal = async () => rowsOf<{ n: number }>(await database.db.execute(sql`select coalesce(sum(count), 0)::int as n from decision_rollup_minute where source_id = ${sourceId}`))[0]!.n;
  const post = (body: Uint8Array | string, headers: Record<string, string>) =>
    fetch(`${server.url}/v1/logs`, { method: "POST", body: body as BodyInit, headers: { authorization: `Bearer ${token}`, ...headers } });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    useDatabase(database);
    const created = await createSource(systemCtx(database.db), { name: `gate-${kind}` });
    token = created.token;
    sourceId = created.source.id;
    server = await serveFetchHandler(receiveLogs);
  });
  afterAll(async () => {
    await server.close();
    await database.drop();
  });

  it.each([
    ["protobuf", () => new ProtoExporter({ url: `${server.url}/v1/logs`, headers: { Authorization: `Bearer ${token}` } })],
    ["protobuf+gzip", () => new ProtoExporter({ url: `${server.url}/v1/logs`, headers: { Authorization: `Bearer ${token}` }, compression: "gzip" as never })],
    ["json", () => new JsonExporter({ url: `${server.url}/v1/logs`, headers: { Authorization: `Bearer ${token}` } })],
    ["json+gzip", () => new JsonExporter({ url: `${server.url}/v1/logs`, headers: { Authorization: `Bearer ${token}` }, compression: "gzip" as never })],
  ])("stores what the real %s exporter sends, and the exporter reports success", async (_name, makeExporter) => {
    const before = await count();
    const marker = `${_name}-${Math.random()}`;
    const inputs = Array.from({ length: 25 }, (_, i) => decision(i, { "session.id": marker }));
    inputs.push({ body: "claude_code.api_request", attributes: { "event.name": "api_request" }, timestamp: [NOW_S, 0] });
    const results = await exportThrough(makeExporter(), inputs);
    expect(results.map((r) => r.code)).toEqual(results.map(() => ExportResultCode.SUCCESS));
    expect(await count()).toBe(before + 25);
    const stored = rowsOf<{ surface: string; outcome: string }>(
      await database.db.execute(sql`select surface, outcome from decision_events where session_id = ${marker} order by tool_use_id`),
    );
    expect(stored).toHaveLength(25);
    expect(stored.filter((r) => r.outcome === "DENY")).toHaveLength(5);
    expect(await rollupTotal()).toBe(await count());
  });

  it("never double-counts a batch the exporter retries after a lost answer", async () => {
    // The first answer is replaced by 503 after the handler committed: the exporter retries the same batch.
    const lostFirstAnswer: Interceptor = (attempt, response) => (attempt === 1 ? new Response(null, { status: 503, headers: { "Retry-After": "0" } }) : response);
    const flaky = await serveFetchHandler(receiveLogs, lostFirstAnswer);
    try {
      const before = await count();
      const exporter = new ProtoExporter({ url: `${flaky.url}/v1/logs`, headers: { Authorization: `Bearer ${token}` } });
      const results = await exportThrough(exporter, Array.from({ length: 40 }, (_, i) => decision(1000 + i)));
      expect(results.map((r) => r.code)).toEqual([ExportResultCode.SUCCESS]);
      expect(await count()).toBe(before + 40);
      expect(await rollupTotal()).toBe(await count());
    } finally {
      await flaky.close();
    }
  });

  it("loses and duplicates nothing with several exporters at once", async () => {
    const before = await count();
    const exporters = Array.from({ length: 6 }, (_, g) =>
      exportThrough(new JsonExporter({ url: `${server.url}/v1/logs`, headers: { Authorization: `Bearer ${token}` } }), Array.from({ length: 50 }, (_, i) => decision(10_000 * (g + 1) + i))),
    );
    const results = (await Promise.all(exporters)).flat();
    expect(results.every((r) => r.code === ExportResultCode.SUCCESS)).toBe(true);
    expect(await count()).toBe(before + 300);
    expect(await rollupTotal()).toBe(await count());
  });

  it("answers partial success naming the unusable records, and keeps the usable ones", async () => {
    const records = await sdkLogRecords({ "service.name": "gate" }, [
      decision(20_001),
      { body: "claude_code.tool_decision", attributes: { tool_name: "Bash" }, timestamp: [NOW_S, 1] },
      { body: "claude_code.tool_decision", attributes: { decision: "accept" }, timestamp: [NOW_S, 2] },
      { body: "claude_code.tool_decision", attributes: { tool_name: "Bash", decision: "maybe" }, timestamp: [NOW_S, 3] },
    ]);
    const before = await count();
    const json = await post(jsonPayload(records), { "content-type": "application/json" });
    expect(json.status).toBe(200);
    const body = (await json.json()) as { partialSuccess: { rejectedLogRecords: string; errorMessage: string } };
    expect(body.partialSuccess.rejectedLogRecords).toBe("3");
    expect(body.partialSuccess.errorMessage).toMatch(/3 log records rejected/);
    expect(await count()).toBe(before + 1);

    const proto = await post(protobufPayload(records), { "content-type": "application/x-protobuf" });
    expect(proto.status).toBe(200);
    expect(proto.headers.get("content-type")).toBe("application/x-protobuf");
    expect(await count()).toBe(before + 1);
  });

  it("answers an empty ExportLogsServiceResponse in the request's content type on full success", async () => {
    const records = await sdkLogRecords({ "service.name": "gate" }, [decision(30_001)]);
    const json = await post(jsonPayload(records), { "content-type": "application/json" });
    expect([json.status, json.headers.get("content-type"), await json.text()]).toEqual([200, "application/json", "{}"]);
    const proto = await post(protobufPayload(records), { "content-type": "application/x-protobuf" });
    expect([proto.status, proto.headers.get("content-type"), (await proto.arrayBuffer()).byteLength]).toEqual([200, "application/x-protobuf", 0]);
  });

  it("answers each bad request with its specific status", async () => {
    const records = await sdkLogRecords({ "service.name": "gate" }, [decision(40_001)]);
    const proto = protobufPayload(records);
    expect((await post(proto, { "content-type": "text/plain" })).status).toBe(415);
    expect((await post(proto.slice(0, proto.length - 3), { "content-type": "application/x-protobuf" })).status).toBe(400);
    expect((await post("{not json", { "content-type": "application/json" })).status).toBe(400);
    expect((await fetch(`${server.url}/v1/logs`, { method: "POST", body: proto as BodyInit, headers: { "content-type": "application/x-protobuf" } })).status).toBe(401);
    expect((await post(proto, { "content-type": "application/x-protobuf", authorization: "Bearer csi_wrong" })).status).toBe(401);
    expect((await post(Buffer.from("not gzip"), { "content-type": "application/json", "content-encoding": "gzip" })).status).toBe(400);
    expect((await post(proto, { "content-type": "application/x-protobuf", "content-encoding": "br" })).status).toBe(415);
  });

  it("refuses a gzip bomb at the decompressed limit and an oversized body at the body limit", async () => {
    const bomb = gzipSync(Buffer.alloc(80 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect((await post(bomb, { "content-type": "application/json", "content-encoding": "gzip" })).status).toBe(413);
    expect((await post(Buffer.alloc(17 * 1024 * 1024, 0x20), { "content-type": "application/json" })).status).toBe(413);
  });

  it("accepts 10,000 records in one request and JSON with string and number int64", async () => {
    const inputs = Array.from({ length: 10_000 }, (_, i) => decision(100_000 + i));
    const records = await sdkLogRecords({ "service.name": "gate" }, inputs);
    const before = await count();
    expect((await post(gzipSync(protobufPayload(records)), { "content-type": "application/x-protobuf", "content-encoding": "gzip" })).status).toBe(200);
    expect(await count()).toBe(before + 10_000);

    const asNumber = `{"resourceLogs":[{"resource":{},"scopeLogs":[{"logRecords":[{"timeUnixNano":1795183238123456789,"body":{"stringValue":"tool_decision"},"attributes":[{"key":"tool_name","value":{"stringValue":"Read"}},{"key":"decision","value":{"stringValue":"accept"}},{"key":"unknownField","value":{}}],"someFutureField":1}]}]}]}`;
    expect((await post(asNumber, { "content-type": "application/json" })).status).toBe(200);
    const stored = rowsOf<{ time_unix_nano: string }>(await database.db.execute(sql`select time_unix_nano from decision_events where surface = 'Read'`));
    expect(stored.map((r) => r.time_unix_nano)).toEqual(["1795183238123456789"]);
  });

  it("stores a record carrying U+0000 (which Postgres text cannot hold) with U+FFFD in its place", async () => {
    const nul = `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"1795183239000000000","eventName":"gate.decision","attributes":[{"key":"surface","value":{"stringValue":"nul\\u0000surface"}},{"key":"decision","value":{"stringValue":"DENY"}},{"key":"k\\u0000","value":{"stringValue":"v\\u0000"}}]}]}]}]}`;
    const response = await post(nul, { "content-type": "application/json" });
    expect([response.status, await response.text()]).toEqual([200, "{}"]);
    const stored = rowsOf<{ attributes: Record<string, string> }>(await database.db.execute(sql`select attributes from decision_events where surface = ${"nul\ufffdsurface"}`));
    expect(stored.map((r) => r.attributes)).toEqual([{ surface: "nul\ufffdsurface", decision: "DENY", "k\ufffd": "v\ufffd" }]);
  });

  it("refuses a revoked token on its next request", async () => {
    const extra = await createSource(systemCtx(database.db), { name: `revoked-${kind}` });
    const records = await sdkLogRecords({ "service.name": "gate" }, [decision(50_001)]);
    const send = () => fetch(`${server.url}/v1/logs`, { method: "POST", body: protobufPayload(records) as BodyInit, headers: { "content-type": "application/x-protobuf", authorization: `Bearer ${extra.token}` } });
    expect((await send()).status).toBe(200);
    await revokeSource(systemCtx(database.db), extra.source.id);
    expect((await send()).status).toBe(401);
  });

  it("answers 503 with Retry-After when the database is unreachable", async () => {
    const down = await openDatabase({ kind: "postgres", url: "postgres://postgres@127.0.0.1:1/none", poolSize: 1 });
    useDatabase(down);
    try {
      const records = await sdkLogRecords({ "service.name": "gate" }, [decision(60_001)]);
      const response = await post(protobufPayload(records), { "content-type": "application/x-protobuf" });
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("2");
    } finally {
      useDatabase(database);
      await down.close();
    }
  });
});
