// End-to-end OTLP ingest: the real console (`npm start`) on a fresh PostgreSQL database takes
// protobuf batches of 512 tool_decision records from several concurrent clients. Printed:
// records/s committed (rows counted in the database, dedupe and rollup on), request latency
// p50/p99 (saturated, and open-loop at half that rate), the server's peak RSS and CPU per
// record, and — in the same run, on the same rows — the raw `COPY … FROM STDIN` rate into an
// identical table (same indexes, no rollup) as the ceiling. Ingest and COPY alternate in three
// rounds, so both sides of the ratio see the same machine while other work comes and goes.
//
//   node --import tsx lib/bench/ingest.ts
//   env: COUNTERSIGN_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres),
//        BENCH_SECONDS (default 30), BENCH_CLIENTS (default 6),
//        BENCH_REUSE_BUILD=1 serves the existing .next build with `next start` instead of
//        `npm start` (which rebuilds when any source is newer than the build)
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { connect, createServer, type AddressInfo } from "node:net";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import type { LogRecord } from "@opentelemetry/api";
import { ProtobufLogsSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import postgres from "postgres";
import { parseSimulateOptions, simulateTraffic, type SimulatedDecision } from "../core/simulate";
import { GateRecordWriter } from "../cli/simulate-records";
import { BENCH_ADMIN_URL as ADMIN_URL } from "./bench-postgres";

const SECONDS = Math.max(30, Number(process.env.BENCH_SECONDS ?? 30));
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 6);
const BATCH = 512;
const WARMUP_BATCHES_PER_CLIENT = 4;
const MARKER_SECONDS = 1_000_000_000; // 2001-09-09: a timestamp no real record carries
const root = fileURLToPath(new URL("../..", import.meta.url));
const COLUMNS = [
  "source_id", "fingerprint", "ts", "time_unix_nano", "time_source", "received_at", "event_name", "surface", "outcome", "decision",
  "decision_source", "tool_name", "session_id", "prompt_id", "tool_use_id", "actor", "user_id", "user_email", "organization_id",
  "service_name", "gate_id", "event_sequence", "trace_id", "span_id", "resource_attributes", "attributes",
].join(", ");

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

// ---- the payload: 512 simulator records, serialized once; per request only the timestamps change

type Template = { bytes: Buffer; offsets: Array<{ at: number; record: number }> };

function markerNanos(record: number): bigint {
  return BigInt(MARKER_SECONDS + record) * 1_000_000_000n;
}

async function buildTemplate(): Promise<Template> {
  const options = parseSimulateOptions({ rate: "60000", deny: "0.05", silence: "0.01", duration: "60", gates: "1", seed: "bench" }, Date.now());
  const writer = new GateRecordWriter("gate-1", options.seed);
  const records: LogRecord[] = [];
  for (const event of simulateTraffic(options)) {
    if (event.kind !== "decision") continue;
    records.push({ ...writer.decision(event as SimulatedDecision), timestamp: [MARKER_SECONDS + records.length, 0], observedTimestamp: [MARKER_SECONDS + records.length, 0] });
    if (records.length === BATCH) break;
  }
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ "service.name": "countersign-simulator", "service.instance.id": "bench-gate", "gate.id": "bench-gate" }),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger("countersign.simulator");
  for (const record of records) logger.emit(record);
  await provider.forceFlush();
  const bytes = Buffer.from(ProtobufLogsSerializer.serializeRequest(exporter.getFinishedLogRecords())!);
  await provider.shutdown();
  const offsets: Template["offsets"] = [];
  for (let record = 0; record < BATCH; record++) {
    const needle = Buffer.alloc(8);
    needle.writeBigUInt64LE(markerNanos(record));
    for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 8)) offsets.push({ at, record });
  }
  if (offsets.length !== 2 * BATCH) throw new Error(`expected ${2 * BATCH} timestamp fields in the template, found ${offsets.length}`);
  return { bytes, offsets };
}

let sequence = 0;
/** A copy of the template whose records carry fresh, unique timestamps (so nothing dedupes). */
function nextBody(template: Template): Uint8Array<ArrayBuffer> {
  const body = new Uint8Array(template.bytes);
  const view = new DataView(body.buffer);
  // Nanoseconds within the current millisecond: 1953 × 512 < 10^6, so no two requests collide.
  const base = BigInt(Date.now()) * 1_000_000n + BigInt((sequence++ % 1953) * BATCH);
  for (const { at, record } of template.offsets) view.setBigUint64(at, base + BigInt(record), true);
  return body;
}

// ---- the console under test

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function createSourceToken(databaseUrl: string): string {
  const cli = path.join(root, "lib", "cli", "countersign.mjs");
  const result = spawnSync(process.execPath, [cli, "admin", "source", "create", "bench", "--json"], {
    cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`admin source create failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { token: string }).token;
}

async function startConsole(databaseUrl: string, port: number, dataDir: string): Promise<ChildProcess> {
  const command = process.env.BENCH_REUSE_BUILD === "1"
    ? [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "--port", String(port)]
    : [path.join(root, "lib", "cli", "start.mjs")];
  const child = spawn(process.execPath, command, {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), COUNTERSIGN_DATA_DIR: dataDir, COUNTERSIGN_LOG_LEVEL: "warn", COUNTERSIGN_PUBLIC_URL: `http://127.0.0.1:${port}` },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  child.stdout!.on("data", (chunk: Buffer) => process.stderr.write(chunk.toString().replace(/^(?=.)/gm, "  console │ ")));
  const deadline = Date.now() + 10 * 60_000; // the first start builds the app
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("the console exited before it was ready");
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the console did not become healthy in time");
}

function descendants(pid: number): number[] {
  const found: number[] = [];
  const visit = (parent: number) => {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${parent}/task`);
    } catch {
      return;
    }
    for (const task of tasks) {
      const children = readFileSync(`/proc/${parent}/task/${task}/children`, "utf8").trim();
      for (const child of children ? children.split(/\s+/).map(Number) : []) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(pid);
  return found;
}

function nextServerPid(startPid: number): number {
  const pid = [startPid, ...descendants(startPid)].find((p) => readFileSync(`/proc/${p}/cmdline`, "utf8").startsWith("next-server"));
  if (pid === undefined) throw new Error("no next-server process under the console");
  return pid;
}

function statusKb(pid: number, field: "VmHWM" | "VmRSS"): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? NaN);
}

const CLOCK_TICKS = 100;
/** User + system CPU seconds a process has used. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

// ---- load

type Load = { requests: number; failures: Map<string, number>; latenciesMs: number[] };

// node:http with keep-alive, as the OpenTelemetry JS exporters send: the load client shares the
// cores with the console, and fetch cost it 2.5 to 4 times the CPU per request here.
const agent = new Agent({ keepAlive: true });

function post(url: string, body: Uint8Array, headers: Record<string, string>): Promise<{ status: number; answer: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", agent, headers: { ...headers, "content-length": String(body.byteLength) } }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, answer: Buffer.concat(parts) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function send(url: string, token: string, template: Template, load: Load): Promise<void> {
  const body = nextBody(template);
  const started = performance.now();
  const { status, answer } = await post(url, body, { "content-type": "application/x-protobuf", authorization: `Bearer ${token}` });
  load.latenciesMs.push(performance.now() - started);
  load.requests++;
  // Full success is 200 with an empty ExportLogsServiceResponse; anything else is a failure.
  if (status !== 200 || answer.byteLength !== 0) {
    const key = `${status}${answer.byteLength ? " (partial success)" : ""}`;
    load.failures.set(key, (load.failures.get(key) ?? 0) + 1);
  }
}

const newLoad = (): Load => ({ requests: 0, failures: new Map(), latenciesMs: [] });

async function drive(url: string, token: string, template: Template, until: (sent: number) => boolean, load = newLoad()): Promise<Load> {
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let sent = 0; !until(sent); sent++) await send(url, token, template, load);
    }),
  );
  return load;
}

const PACED_SECONDS = 15;
const PACED_SHARE = 0.5;

/** Open loop: one batch every `intervalMs` whatever the answers, so latency is not queueing behind our own clients. */
async function paced(url: string, token: string, template: Template, intervalMs: number): Promise<Load> {
  const load = newLoad();
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; performance.now() - started < PACED_SECONDS * 1000; i++) {
    const due = started + i * intervalMs;
    if (due > performance.now()) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
    inFlight.push(send(url, token, template, load));
  }
  await Promise.all(inFlight);
  return load;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

// ---- the ceiling: raw COPY of the same rows into an identical table

function noDelaySocket({ host, port }: { host: string[]; port: number[] }) {
  return new Promise((resolve, reject) => {
    const socket = connect(port[0]!, host[0]!);
    socket.setNoDelay(true);
    socket.once("connect", () => resolve(socket)).once("error", reject);
  });
}

/** Reads one id range of the committed rows as COPY text. */
async function readRows(databaseUrl: string, low: number, high: number): Promise<Buffer> {
  // A connection of its own per read: postgres.js can leave a socket paused after a COPY TO
  // (porsager/postgres#499, PR #1016), and the next statement on it would hang.
  const reader = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const stream = await reader.unsafe(`copy (select ${COLUMNS} from decision_events where id > ${low} and id <= ${high} order by id) to stdout`).readable();
    const parts: Buffer[] = [];
    for await (const part of stream) parts.push(part as Buffer);
    return Buffer.concat(parts);
  } finally {
    await reader.end({ timeout: 1 });
  }
}

/** COPY text cut into 512-row batches. */
function toBatches(text: Buffer): Buffer[] {
  const batches: Buffer[] = [];
  let start = 0;
  let lines = 0;
  for (let at = text.indexOf(10); at >= 0; at = text.indexOf(10, at + 1)) {
    if (++lines % BATCH === 0) {
      batches.push(text.subarray(start, at + 1));
      start = at + 1;
    }
  }
  if (start < text.length) batches.push(text.subarray(start));
  return batches;
}

type CopyTally = { rows: number; seconds: number; dbCpu: number };

/** The ceiling: COPYs rows ingested in a round (an id range) into `bench_copy`, which has the same columns and indexes. */
async function openCeiling(databaseUrl: string) {
  const options = { max: CLIENTS, onnotice: () => {}, connection: { application_name: "bench-copy" } };
  // `socket` is a documented postgres.js option missing from its type definitions.
  const sql = postgres(databaseUrl, { ...options, ...({ socket: noDelaySocket } as object) });
  await sql`create table bench_copy (like decision_events including all)`;
  // Open every connection now, so their backends' CPU can be read around each timed COPY.
  await Promise.all(Array.from({ length: CLIENTS }, () => sql`select pg_sleep(0.05)`));
  const pids = (await sql<{ pid: number }[]>`select pid from pg_stat_activity where application_name = 'bench-copy'`).map((r) => r.pid);
  const backendCpu = () => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const copyBatches = async (batches: Buffer[], tally: CopyTally) => {
    const cpuBefore = backendCpu();
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        await pipeline(Readable.from([batch]), await sql.unsafe(`copy bench_copy (${COLUMNS}) from stdin`).writable());
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, worker));
    tally.seconds += (performance.now() - started) / 1000;
    tally.dbCpu += backendCpu() - cpuBefore;
    tally.rows += batches.reduce((sum, b) => sum + countLines(b), 0);
  };
  return {
    async copyRange(low: number, high: number, chunk = 50_000): Promise<CopyTally> {
      const tally: CopyTally = { rows: 0, seconds: 0, dbCpu: 0 };
      for (let from = low; from < high; from += chunk) {
        await copyBatches(toBatches(await readRows(databaseUrl, from, Math.min(high, from + chunk))), tally);
      }
      return tally;
    },
    async stored(): Promise<number> {
      const [{ n }] = (await sql`select count(*)::int as n from bench_copy`) as unknown as [{ n: number }];
      return n;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

function countLines(buffer: Buffer): number {
  let lines = 0;
  for (let at = buffer.indexOf(10); at >= 0; at = buffer.indexOf(10, at + 1)) lines++;
  return lines;
}

// ---- the run: ROUNDS × (ingest for SECONDS / ROUNDS, then COPY of exactly the rows of that
// round), so both sides of the ratio see the same machine even while other work comes and goes.

const ROUNDS = 3;

async function maxId(sql: postgres.Sql): Promise<number> {
  const [{ max }] = (await sql`select coalesce(max(id), 0)::bigint as max from decision_events`) as unknown as [{ max: string }];
  return Number(max);
}

async function backendPids(sql: postgres.Sql, database: string): Promise<number[]> {
  const rows = await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${database} and application_name <> 'bench-copy' and pid <> pg_backend_pid()`;
  return rows.map((r) => r.pid);
}

type Round = { committed: number; elapsed: number; copy: CopyTally };
type Cpu = { server: number; db: number; client: number };

async function ingestRound(args: { sql: postgres.Sql; url: string; token: string; template: Template; load: Load; cpu: Cpu; serverPid: number; backends: number[] }): Promise<{ committed: number; elapsed: number; low: number; high: number }> {
  const { sql, cpu, serverPid, backends } = args;
  const low = await maxId(sql);
  const before = { server: cpuSeconds(serverPid), db: backends.reduce((s, p) => s + cpuSeconds(p), 0), client: process.cpuUsage() };
  const started = performance.now();
  const deadline = started + (SECONDS / ROUNDS) * 1000;
  await drive(args.url, args.token, args.template, () => performance.now() >= deadline, args.load);
  const elapsed = (performance.now() - started) / 1000;
  const client = process.cpuUsage(before.client);
  cpu.server += cpuSeconds(serverPid) - before.server;
  cpu.db += backends.reduce((s, p) => s + cpuSeconds(p), 0) - before.db;
  cpu.client += (client.user + client.system) / 1e6;
  const high = await maxId(sql);
  const [{ n }] = (await sql`select count(*)::int as n from decision_events where id > ${low} and id <= ${high}`) as unknown as [{ n: number }];
  return { committed: n, elapsed, low, high };
}

async function main(): Promise<void> {
  const name = `cs_bench_${randomBytes(5).toString("hex")}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const dataDir = mkdtempSync(path.join(tmpdir(), "countersign-bench-"));
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const progress = (message: string) => process.stderr.write(`ingest bench: ${message}\n`);
  let server: ChildProcess | undefined;
  try {
    const token = createSourceToken(databaseUrl);
    const template = await buildTemplate();
    const port = await freePort();
    server = await startConsole(databaseUrl, port, dataDir);
    const serverPid = nextServerPid(server.pid!);
    const url = `http://127.0.0.1:${port}/v1/logs`;
    progress(`${CLIENTS} clients, ${BATCH}-record protobuf batches (${fmt(template.bytes.length / 1024, 1)} KiB), ${ROUNDS} rounds of ${fmt(SECONDS / ROUNDS, 0)} s, database ${name}`);
    const warm = await drive(url, token, template, (sent) => sent >= WARMUP_BATCHES_PER_CLIENT);
    if (warm.failures.size) throw new Error(`warm-up failed: ${JSON.stringify([...warm.failures])}`);
    const ceiling = await openCeiling(databaseUrl);
    const backends = await backendPids(sql, name);
    const load = newLoad();
    const cpu: Cpu = { server: 0, db: 0, client: 0 };
    const rounds: Round[] = [];
    try {
      for (let r = 1; r <= ROUNDS; r++) {
        progress(`round ${r}: ingest (1-min load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores), then raw COPY of its rows`);
        const round = await ingestRound({ sql, url, token, template, load, cpu, serverPid, backends });
        rounds.push({ ...round, copy: await ceiling.copyRange(round.low, round.high) });
      }
      const copied = rounds.reduce((sum, r) => sum + r.copy.rows, 0);
      if ((await ceiling.stored()) !== copied) throw new Error("bench_copy does not hold every row copied");
    } finally {
      await ceiling.close();
    }
    const rate = rounds.reduce((s, r) => s + r.committed, 0) / rounds.reduce((s, r) => s + r.elapsed, 0);
    progress(`latency at ${PACED_SHARE * 100} % of the measured rate, open loop, ${PACED_SECONDS} s`);
    const light = await paced(url, token, template, 1000 / ((PACED_SHARE * rate) / BATCH));
    const peakRssMb = statusKb(serverPid, "VmHWM") / 1024;
    report({ load, light, rounds, cpu, peakRssMb });
  } finally {
    agent.destroy();
    if (server) stopConsole(server);
    await sql.end({ timeout: 5 });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function stopConsole(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    // already gone
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const ms = (sorted: number[], p: number) => fmt(percentile(sorted, p), 1);

function report({ load, light, rounds, cpu, peakRssMb }: { load: Load; light: Load; rounds: Round[]; cpu: Cpu; peakRssMb: number }): void {
  const sorted = [...load.latenciesMs].sort((a, b) => a - b);
  const lightSorted = [...light.latenciesMs].sort((a, b) => a - b);
  const committed = sum(rounds.map((r) => r.committed));
  const elapsed = sum(rounds.map((r) => r.elapsed));
  const copy = { rows: sum(rounds.map((r) => r.copy.rows)), seconds: sum(rounds.map((r) => r.copy.seconds)), dbCpu: sum(rounds.map((r) => r.copy.dbCpu)) };
  const rate = committed / elapsed;
  const copyRate = copy.rows / copy.seconds;
  const expected = (load.requests - sum([...load.failures.values()])) * BATCH;
  const failures = (l: Load) => (l.failures.size ? JSON.stringify(Object.fromEntries(l.failures)) : "none");
  const lines = [
    "",
    `requests          ${fmt(load.requests)} in ${fmt(elapsed, 1)} s, failures ${failures(load)}`,
    `rows committed    ${fmt(committed)} (expected ${fmt(expected)}${committed === expected ? ", none lost or duplicated" : " — MISMATCH"})`,
    `ingest            ${fmt(rate)} records/s committed (dedupe + rollup on)`,
    `latency           p50 ${ms(sorted, 50)} ms, p99 ${ms(sorted, 99)} ms, max ${fmt(sorted.at(-1) ?? NaN, 1)} ms (saturated: ${CLIENTS} clients back to back)`,
    `latency at ${PACED_SHARE * 100} %    p50 ${ms(lightSorted, 50)} ms, p99 ${ms(lightSorted, 99)} ms (${fmt(light.requests)} batches, open loop at ${fmt(PACED_SHARE * rate)} records/s, failures ${failures(light)})`,
    `server            peak RSS ${fmt(peakRssMb)} MB; CPU ${fmt(cpu.server, 1)} s console, ${fmt(cpu.db, 1)} s its Postgres backends, ${fmt(cpu.client, 1)} s bench client (of ${fmt(elapsed * availableParallelism())} core-s)`,
    `per record        ${fmt((cpu.server / committed) * 1e6, 1)} µs console CPU, ${fmt((cpu.db / committed) * 1e6, 1)} µs Postgres CPU (raw COPY: ${fmt((copy.dbCpu / copy.rows) * 1e6, 1)} µs)`,
    `raw COPY ceiling  ${fmt(copyRate)} rows/s (the same ${fmt(copy.rows)} rows, ${CLIENTS} connections, one COPY per ${BATCH} rows, TCP_NODELAY)`,
    ...rounds.map((r, i) => `  round ${i + 1}         ingest ${fmt(r.committed / r.elapsed)}/s, COPY ${fmt(r.copy.rows / r.copy.seconds)}/s: ${fmt((r.committed / r.elapsed / (r.copy.rows / r.copy.seconds)) * 100, 1)} %`),
    `ratio             ${fmt((rate / copyRate) * 100, 1)} % of raw COPY (target ≥ 40 %); p99 saturated ${percentile(sorted, 99) < 250 ? "<" : "≥"} 250 ms, at ${PACED_SHARE * 100} % ${percentile(lightSorted, 99) < 250 ? "<" : "≥"} 250 ms`,
    `machine           1-min load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores at the end (other work on the machine slows both sides alike)`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

await main();
