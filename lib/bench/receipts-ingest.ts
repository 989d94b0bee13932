// End-to-end receipt ingest: EdDSA receipts POSTed in batches by concurrent clients to the real
// console (`npm start`) on a fresh PostgreSQL database, verified and stored; next to the in-process
// verify rate of the same receipts (lib/core), measured in the same run.
//   node --import tsx lib/bench/receipts-ingest.ts [--receipts 60000] [--batch 256] [--clients 4] [--port 3290]
// Needs PostgreSQL (COUNTERSIGN_BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres).
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { calculateJwkThumbprint } from "jose";
import postgres from "postgres";
import { startConsole, stopConsole } from "../../e2e/support/console-server";
import { trustSetFromKeys, verifyReceipt } from "../core/receipts";
import { BENCH_ADMIN_URL as ADMIN_URL } from "./bench-postgres";

const { values } = parseArgs({
  options: {
    receipts: { type: "string", default: "60000" },
    batch: { type: "string", default: "256" },
    clients: { type: "string", default: "4" },
    port: { type: "string", default: "3290" },
  },
});
const TOTAL = Number(values.receipts);
const BATCH = Number(values.batch);
const CLIENTS = Number(values.clients);
const PORT = Number(values.port);
const ISS = "gate-bench";
const KID = "bench-ed25519";
const IAT = Math.floor(Date.now() / 1000) - 60;
const TARGET = 5000;

const b64 = (data: string | Buffer) => Buffer.from(data).toString("base64url");

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

/** CPU seconds (user + system) used so far by each of these processes, all their threads included. */
function cpuSeconds(pids: number[]): Map<number, number> {
  const used = new Map<number, number>();
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      used.set(pid, (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND); // utime, stime
    } catch {
      // the process ended
    }
  }
  return used;
}

/** CPU seconds these processes used since `before`; one not there before (a new pool connection) counts from its start. */
function cpuSince(before: Map<number, number>, pids: number[]): number {
  let total = 0;
  for (const [pid, seconds] of cpuSeconds(pids)) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/** The console's processes: everything in the process group `npm start` leads. */
function processGroup(leader: number): number[] {
  return readdirSync("/proc").filter((entry) => /^\d+$/.test(entry)).map(Number).filter((pid) => {
    try {
      return Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[2]) === leader;
    } catch {
      return false;
    }
  });
}

/** The PostgreSQL backends serving the bench database. */
async function backends(url: string, name: string): Promise<number[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const rows = await sql`select pid from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
  await sql.end({ timeout: 1 });
  return rows.map((r) => Number(r.pid));
}

/** Compact EdDSA receipts signed with node:crypto (signing is not what is measured). */
function makeReceipts(privateKey: KeyObject): string[] {
  const header = b64(JSON.stringify({ alg: "EdDSA", kid: KID }));
  const run = randomBytes(4).toString("hex");
  return Array.from({ length: TOTAL }, (_, i) => {
    const payload = b64(JSON.stringify({
      v: 1, id: `rcpt-${run}-${i}`, iss: ISS, iat: IAT,
      request: { actor: `agent:bot-${i % 50}`, surface: `surface-${i % 20}`, action: "call", target: `res:${i % 1000}`, context: { tool_use_id: `toolu_${i}` } },
      decision: i % 11 === 0 ? "DENY" : "PERMIT", reason: "rule:bench",
      policy: { id: "bench", version: "1", digest: `sha256:${"3a7bd3e2".repeat(8)}` },
      idempotency_key: `idem-${run}-${i}`,
    }));
    const signingInput = `${header}.${payload}`;
    return `${signingInput}.${b64(sign(null, Buffer.from(signingInput), privateKey))}`;
  });
}

/** A source (ingest token) and the issuer with its key, written straight into the new database. */
async function seed(url: string, publicJwk: Record<string, string>): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const token = `csi_${randomBytes(32).toString("base64url")}`;
    await sql`insert into sources (name, token_hash, token_prefix) values ('bench', ${createHash("sha256").update(token).digest("hex")}, ${token.slice(0, 10)})`;
    const [issuer] = await sql`insert into issuers (iss) values (${ISS}) returning id`;
    const jwk = { kty: "OKP", crv: "Ed25519", x: publicJwk.x!, kid: KID, alg: "EdDSA" };
    await sql`insert into issuer_keys (issuer_id, kid, alg, kty, crv, jwk, thumbprint, origin)
      values (${issuer!.id}, ${KID}, 'EdDSA', 'OKP', 'Ed25519', ${sql.json(jwk)}, ${await calculateJwkThumbprint(jwk)}, 'manual')`;
    return token;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function ingestAll(base: string, token: string, receipts: string[]): Promise<{ seconds: number; statuses: Record<string, number> }> {
  const bodies: string[] = [];
  for (let i = 0; i < receipts.length; i += BATCH) bodies.push(receipts.slice(i, i + BATCH).join("\n"));
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const response = await fetch(`${base}/api/v1/receipts`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/jose" }, body });
      if (response.status !== 200) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
      const { results } = (await response.json()) as { results: Array<{ status: string; verdict: string }> };
      for (const r of results) statuses[`${r.status}/${r.verdict}`] = (statuses[`${r.status}/${r.verdict}`] ?? 0) + 1;
    }
  }));
  return { seconds: (performance.now() - started) / 1000, statuses };
}

/** The same receipts through lib/core's verifier in this process, in batches as ingest does them. */
async function verifyRate(receipts: string[], publicJwk: Record<string, string>): Promise<{ perSecond: number; cpuMicros: number }> {
  const trust = await trustSetFromKeys(ISS, [{ jwk: { ...publicJwk, kid: KID, alg: "EdDSA" } }]);
  const now = new Date();
  const sample = receipts.slice(0, Math.min(receipts.length, 20_000));
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < sample.length; i += BATCH) {
    const verdicts = await Promise.all(sample.slice(i, i + BATCH).map((r) => verifyReceipt(r, trust, now)));
    if (verdicts.some((v) => v.verdict !== "valid")) throw new Error("a bench receipt did not verify in process");
  }
  const used = process.cpuUsage(cpu);
  return { perSecond: sample.length / ((performance.now() - started) / 1000), cpuMicros: (used.user + used.system) / sample.length };
}

async function main() {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const publicJwk = publicKey.export({ format: "jwk" }) as Record<string, string>;
  const receipts = makeReceipts(privateKey);
  const name = `cs_bench_${randomBytes(5).toString("hex")}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  let running: Awaited<ReturnType<typeof startConsole>> | undefined;
  try {
    running = await startConsole(PORT, { DATABASE_URL: url, COUNTERSIGN_LOG_LEVEL: "warn", DATABASE_POOL_SIZE: "10" });
    const token = await seed(url, publicJwk);
    await ingestAll(running.url, token, receipts.slice(0, BATCH * 8)); // warm-up: JIT, pools, trust cache
    const cpuBefore = { console: cpuSeconds(processGroup(running.process.pid!)), pg: cpuSeconds(await backends(url, name)), client: process.cpuUsage() };
    const loadBefore = loadavg()[0]!;
    const { seconds, statuses } = await ingestAll(running.url, token, receipts.slice(BATCH * 8));
    const clientCpu = process.cpuUsage(cpuBefore.client);
    const measured = receipts.length - BATCH * 8;
    const perSecond = measured / seconds;
    const micros = (cpuSeconds: number) => (cpuSeconds * 1e6) / measured;
    const cpu = {
      console: micros(cpuSince(cpuBefore.console, processGroup(running.process.pid!))),
      pg: micros(cpuSince(cpuBefore.pg, await backends(url, name))),
      client: (clientCpu.user + clientCpu.system) / measured,
    };
    const check = postgres(url, { max: 1 });
    const stored = (await check`select count(*)::int as n, count(*) filter (where verdict = 'valid')::int as valid from receipts`)[0]!;
    await check.end({ timeout: 1 });
    const inProcess = await verifyRate(receipts, publicJwk);
    const serverCpu = cpu.console + cpu.pg;
    // On an otherwise idle machine the console and PostgreSQL share its cores: this is the rate their CPU cost allows.
    const capacity = (cpus().length * 1e6) / serverCpu;
    console.log(`receipt ingest, EdDSA, HTTP → verify → PostgreSQL (${cpus().length} CPUs; 1-min load average ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after — the bench itself keeps about 2 busy; other work on the machine slows the wall-clock figures and inflates the CPU ones)`);
    console.log(`  ${measured} receipts in batches of ${BATCH} from ${CLIENTS} concurrent clients: ${seconds.toFixed(2)} s`);
    console.log(`  outcomes: ${JSON.stringify(statuses)}; stored rows ${stored.n} (${stored.valid} valid)`);
    console.log(`  end-to-end: ${Math.round(perSecond)} receipts/s (target ≥ ${TARGET}: ${perSecond >= TARGET ? "met" : "NOT met"})`);
    console.log(`  CPU per receipt: console ${cpu.console.toFixed(0)} µs + PostgreSQL ${cpu.pg.toFixed(0)} µs = ${serverCpu.toFixed(0)} µs (bench client ${cpu.client.toFixed(0)} µs)`);
    console.log(`  capacity at that CPU cost on ${cpus().length} idle cores: ${Math.round(capacity)} receipts/s`);
    console.log(`  baseline, lib/core verifyReceipt in this process (same receipts, batches of ${BATCH}): ${Math.round(inProcess.perSecond)} receipts/s, ${inProcess.cpuMicros.toFixed(0)} µs CPU each`);
    console.log(`  ratios: end-to-end / in-process verify ${(perSecond / inProcess.perSecond).toFixed(2)}; verify CPU / server CPU per receipt ${(inProcess.cpuMicros / serverCpu).toFixed(2)}`);
  } finally {
    if (running?.process.pid) stopConsole({ pid: running.process.pid });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 1 });
    if (running) rmSync(running.dataDir, { recursive: true, force: true });
  }
}

await main();
