// OTLP logs decode + normalize throughput for 512-record batches, as the real OpenTelemetry JS
// exporters serialize them, against JSON.parse of the same JSON payload measured in the same
// run. Two shapes: Claude Code's tool_decision (14 attributes, ~1.1 KB of JSON per record) and a
// gate's own gate.decision (7 attributes). Rates are per CPU-second of this process, so other
// work on a shared machine skews them less; wall-clock rates are printed beside them.
//
//   node --import tsx lib/bench/otlp-decode.ts
import { hash } from "node:crypto";
import { decodeExportLogsRequest, normalizeLogsRequest, type Sha256Hex } from "../core/otlp";
import { ExportLogsServiceRequest } from "../core/otlp/schema";
import {
  CLAUDE_CODE_RESOURCE,
  claudeCodeToolDecision,
  jsonPayload,
  protobufPayload,
  type SdkLogInput,
  sdkLogRecords,
} from "../core/otlp/testing/sdk-records";

const BATCH = 512;
const ROUNDS = 6;
const SECONDS_PER_ROUND = 0.4;
const RECEIVED_AT = Date.UTC(2026, 10, 22, 12);

const nodeSha256Hex: Sha256Hex = (text) => hash("sha256", text, "hex");

interface Rate {
  /** Records per second of this process's CPU time (user + system). */
  cpu: number;
  /** Records per second of wall-clock time. */
  wall: number;
}

/** Runs `fn` for about SECONDS_PER_ROUND and returns records per second. */
function measure(fn: () => unknown): Rate {
  let batches = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < SECONDS_PER_ROUND * 1000) {
    fn();
    batches++;
    elapsed = performance.now() - start;
  }
  const cpu = process.cpuUsage(cpuStart);
  const records = batches * BATCH;
  return { cpu: records / ((cpu.user + cpu.system) / 1e6), wall: records / (elapsed / 1000) };
}

const format = (n: number) => Math.round(n).toLocaleString("en-US").padStart(9);

function gateDecision(i: number): SdkLogInput {
  return {
    eventName: "gate.decision",
    attributes: {
      surface: ["payments", "email", "shell", "github"][i % 4]!,
      decision: i % 7 === 0 ? "DENY" : i % 29 === 0 ? "SILENCE" : "PERMIT",
      source: "policy",
      actor: `agent:bot-${i % 5}`,
      "session.id": `sess-${i >> 4}`,
      tool_use_id: `toolu_${i}`,
      "event.sequence": i,
    },
    timestamp: [1795183237 + (i >> 3), i * 1000],
  };
}

async function payloads(resource: Record<string, string>, inputs: SdkLogInput[]) {
  const records = await sdkLogRecords(resource, inputs);
  const protobuf = protobufPayload(records);
  const json = jsonPayload(records);
  const check = normalizeLogsRequest(decodeExportLogsRequest(protobuf, "application/x-protobuf"), { receivedAt: RECEIVED_AT });
  if (check.decisions.length !== BATCH) throw new Error(`expected ${BATCH} decisions, got ${check.decisions.length}`);
  return { protobuf, json, jsonText: new TextDecoder().decode(json) };
}

function cases({ protobuf, json, jsonText }: Awaited<ReturnType<typeof payloads>>): Array<[string, () => unknown]> {
  const pb = (sha256Hex?: Sha256Hex) => () => normalizeLogsRequest(decodeExportLogsRequest(protobuf, "application/x-protobuf"), { receivedAt: RECEIVED_AT, sha256Hex });
  const js = (sha256Hex?: Sha256Hex) => () => normalizeLogsRequest(decodeExportLogsRequest(json, "application/json"), { receivedAt: RECEIVED_AT, sha256Hex });
  return [
    ["baseline: JSON.parse of the JSON payload", () => JSON.parse(jsonText)],
    ["baseline: protobufjs Type.decode alone", () => ExportLogsServiceRequest.decode(protobuf)],
    ["protobuf decode", () => decodeExportLogsRequest(protobuf, "application/x-protobuf")],
    ["JSON decode", () => decodeExportLogsRequest(json, "application/json")],
    ["protobuf decode + normalize (noble sha256)", pb()],
    ["protobuf decode + normalize (node:crypto sha256)", pb(nodeSha256Hex)],
    ["JSON decode + normalize (noble sha256)", js()],
    ["JSON decode + normalize (node:crypto sha256)", js(nodeSha256Hex)],
  ];
}

/** Cases take turns, round after round, each keeping its best: a burst of other work costs a round. */
function run(title: string, list: Array<[string, () => unknown]>): void {
  for (const [, fn] of list) for (let i = 0; i < 20; i++) fn();
  const best = list.map((): Rate => ({ cpu: 0, wall: 0 }));
  for (let round = 0; round < ROUNDS; round++) {
    list.forEach(([, fn], i) => {
      const rate = measure(fn);
      const b = best[i]!;
      b.cpu = Math.max(b.cpu, rate.cpu);
      b.wall = Math.max(b.wall, rate.wall);
    });
  }
  process.stdout.write(`\n${title}\n${"case".padEnd(52)} ${"rec/CPU-s".padStart(9)}  ${"rec/s wall".padStart(10)}  vs JSON.parse\n`);
  list.forEach(([name], i) => {
    const rate = best[i]!;
    process.stdout.write(`${name.padEnd(52)} ${format(rate.cpu)}  ${format(rate.wall)}   ${(rate.cpu / best[0]!.cpu).toFixed(2)}×\n`);
  });
}

async function main(): Promise<void> {
  const claude = await payloads(
    CLAUDE_CODE_RESOURCE,
    Array.from({ length: BATCH }, (_, i) => claudeCodeToolDecision(i, i % 5 === 0 ? "reject" : "accept", i % 3 === 0 ? "config" : "user_temporary")),
  );
  const gate = await payloads({ "service.name": "payments-gateway", "service.instance.id": "gate-eu-1" }, Array.from({ length: BATCH }, (_, i) => gateDecision(i)));
  run(`Claude Code tool_decision, ${BATCH}-record batches (protobuf ${claude.protobuf.length} B, JSON ${claude.json.length} B)`, cases(claude));
  run(`gate.decision, ${BATCH}-record batches (protobuf ${gate.protobuf.length} B, JSON ${gate.json.length} B)`, cases(gate));
}

await main();
