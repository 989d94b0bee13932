import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGrantKeyRing, generateGrantKey, signGrantToken, type GrantTokenClaims } from "../../core/grants";
import { parseBatch, parseTrustFile, verifyReceipt } from "../../core/receipts";
import { useDatabase } from "../../server/db";
import { rowsOf } from "../../server/db/migrate";
import { receiveLogs } from "../../server/otlp/receive-logs";
import { createSource } from "../../server/sources";
import { systemCtx } from "../../server/testing/contexts";
import { serveFetchHandler } from "../../server/testing/serve-fetch-handler";
import { createTestDatabase, type TestDatabase } from "../../server/testing/test-database";
import { UsageError, type CliIO } from "../io";
import { command } from "./simulate";

type Summary = {
  ok: boolean;
  startedAt: string;
  decisions: { emitted: number; delivered: number; failed: number; accepted: number; rejected: number; undelivered: number };
  heartbeats: { emitted: number; delivered: number };
  outcomes: Record<string, Record<"PERMIT" | "DENY" | "SILENCE", number>>;
  grant: { id: string; uses: number } | null;
  receipts: { signed: number; stored: number; rejected: number; failed: number; invalid: Record<string, number> } | null;
};

let database: TestDatabase;
let server: Awaited<ReturnType<typeof serveFetchHandler>>;
let dir: string;
let grantJwks: object = { keys: [] };
// What the stand-in receipts endpoint received, verified with the JWKS the command wrote.
const receivedReceipts: Array<{ verdict: string; payload: Record<string, unknown> }> = [];
let receiptJwksPath = "";

function fakeIo(): CliIO & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line), readStdin: async () => "", env: {} };
}

// Stands in for POST /api/v1/receipts (DESIGN.md Interfaces): verifies each receipt with the
// issuer's published JWKS and answers {results} in input order.
async function receiveReceipts(req: Request): Promise<Response> {
  const items = parseBatch(new Uint8Array(await req.arrayBuffer()), req.headers.get("content-type") ?? undefined);
  const trust = await parseTrustFile(JSON.parse(await readFile(receiptJwksPath, "utf8")), { issuer: "countersign-simulator" });
  const results = [];
  for (const item of items) {
    const verdict = await verifyReceipt(item.bytes, trust, new Date());
    receivedReceipts.push({ verdict: verdict.verdict, payload: (verdict.payload ?? {}) as Record<string, unknown> });
    results.push({ status: verdict.verdict === "valid" ? "stored" : "rejected", id: String(receivedReceipts.length), verdict: verdict.verdict, logIndex: null });
  }
  return Response.json({ results });
}

async function route(req: Request): Promise<Response> {
  const { pathname } = new URL(req.url);
  if (pathname === "/v1/logs") return receiveLogs(req);
  if (pathname === "/api/v1/receipts") return receiveReceipts(req);
  if (pathname === "/.well-known/jwks.json") return Response.json(grantJwks);
  return new Response(null, { status: 404 });
}

async function newSource(name: string) {
  return createSource(systemCtx(database.db), { name });
}

async function simulate(token: string, args: string[]) {
  const io = fakeIo();
  const code = await command.run(["--url", server.url, "--token", token, "--json", "--speedup", "120", ...args], io);
  return { code, summary: JSON.parse(io.lines.at(-1) ?? "null") as Summary, errors: io.errors };
}

type Row = { surface: string; outcome: string; gate_id: string; ts: Date | string; decision: string; grant: string | null };
async function storedRows(sourceId: string): Promise<Row[]> {
  const result = await database.db.execute(
    sql`select surface, outcome, gate_id, ts, decision, attributes->>'override.grant' as grant from decision_events where source_id = ${sourceId}`,
  );
  return rowsOf<Row>(result);
}

function share(rows: Row[], outcome: string): number {
  return rows.filter((r) => r.outcome === outcome).length / rows.length;
}

beforeAll(async () => {
  database = await createTestDatabase("pglite");
  useDatabase(database);
  server = await serveFetchHandler(route);
  dir = await mkdtemp(join(tmpdir(), "simulate-test-"));
});
afterAll(async () => {
  await server.close();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("countersign simulate", () => {
  it("stores exactly what it reports as sent, with the outcome mix of --deny/--silence and the --shift after its minute", async () => {
    const { source, token } = await newSource("sim-mix");
    const args = ["--gates", "3", "--rate", "2000", "--surfaces", "payments,shell", "--deny", "0.1", "--silence", "0.05"];
    const { code, summary } = await simulate(token, [...args, "--shift", "payments:DENY:0.6@1", "--duration", "2", "--seed", "mix-1"]);
    expect(code).toBe(0);
    expect(summary.ok).toBe(true);
    const rows = await storedRows(source.id);
    expect(summary.decisions.emitted).toBeGreaterThan(3500);
    expect(rows).toHaveLength(summary.decisions.emitted);
    expect(summary.decisions.accepted).toBe(rows.length);
    expect(summary.heartbeats.delivered).toBe(summary.heartbeats.emitted);
    expect(summary.heartbeats.emitted).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.gate_id))).toEqual(new Set(["gate-1", "gate-2", "gate-3"]));

    const shell = rows.filter((r) => r.surface === "shell");
    expect(share(shell, "DENY")).toBeCloseTo(0.1, 1);
    expect(Math.abs(share(shell, "SILENCE") - 0.05)).toBeLessThan(0.02);
    const shiftAt = Date.parse(summary.startedAt) + 60_000;
    const payments = rows.filter((r) => r.surface === "payments");
    const before = payments.filter((r) => new Date(r.ts).getTime() < shiftAt);
    const after = payments.filter((r) => new Date(r.ts).getTime() >= shiftAt);
    expect(Math.abs(share(before, "DENY") - 0.1)).toBeLessThan(0.04);
    expect(Math.abs(share(after, "DENY") - 0.6)).toBeLessThan(0.05);
    // What the summary counts per outcome is what was stored.
    expect(summary.outcomes.payments!.DENY).toBe(payments.filter((r) => r.outcome === "DENY").length);
  });

  it("is deterministic for a seed, stops at --count, speaks http/json with gzip, and a --silent gate stops", async () => {
    const runs = [];
    for (const name of ["sim-count-a", "sim-count-b"]) {
      const { source, token } = await newSource(name);
      const args = ["--gates", "2", "--rate", "400", "--duration", "2", "--silent", "gate-2@0.5", "--count", "300", "--seed", "count-1"];
      const result = await simulate(token, [...args, "--protocol", "http/json", "--gzip"]);
      runs.push({ ...result, rows: await storedRows(source.id) });
    }
    const [a, b] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(a.code).toBe(0);
    expect(a.rows).toHaveLength(300);
    expect(a.summary.outcomes).toEqual(b.summary.outcomes);
    const silentAt = Date.parse(a.summary.startedAt) + 30_000;
    const gate2 = a.rows.filter((r) => r.gate_id === "gate-2").map((r) => new Date(r.ts).getTime());
    expect(gate2.length).toBeGreaterThan(10);
    expect(Math.max(...gate2)).toBeLessThan(silentAt);
    expect(a.rows.some((r) => r.gate_id === "gate-1" && new Date(r.ts).getTime() >= silentAt)).toBe(true);
  });

  it("signs a receipt per decision, and a break-glass grant turns covered DENYs into PERMITs naming it", async () => {
    const { source, token } = await newSource("sim-receipts");
    const key = await generateGrantKey();
    const ring = await loadGrantKeyRing({ keys: [key] });
    grantJwks = ring.jwks;
    const now = Math.floor(Date.now() / 1000);
    const claims: GrantTokenClaims = {
      iss: server.url, sub: "oncall@example.com", aud: "countersign-gates", jti: "grant-sim-1", iat: now - 3600, nbf: now - 3600, exp: now + 3600,
      scope: { surfaces: ["payments"], actions: ["transfer"] }, reason: "incident 42", approvals: [{ by: "admin@example.com", at: now - 3600 }],
    };
    const grant = await signGrantToken(claims, ring.signing);
    receiptJwksPath = join(dir, "issuer.jwks.json");
    const args = ["--surfaces", "payments,shell", "--deny", "0.5", "--rate", "600", "--duration", "2", "--count", "200", "--seed", "grant-1"];
    const { code, summary } = await simulate(token, [...args, "--receipts", "--grant", grant, "--jwks-out", receiptJwksPath]);
    expect(code).toBe(0);
    expect(summary.receipts).toMatchObject({ signed: 200, stored: 200, rejected: 0, failed: 0, invalid: {} });
    expect(receivedReceipts.every((r) => r.verdict === "valid")).toBe(true);
    const overridden = receivedReceipts.filter((r) => r.payload.override !== undefined);
    expect(overridden.length).toBe(summary.grant!.uses);
    expect(overridden.length).toBeGreaterThan(0);
    for (const r of overridden) {
      expect(r.payload).toMatchObject({ decision: "PERMIT", override: { grant: "grant-sim-1" }, request: { surface: "payments", action: "transfer" } });
    }
    const rows = await storedRows(source.id);
    expect(rows.filter((r) => r.grant === "grant-sim-1").map((r) => r.decision)).toEqual(overridden.map(() => "accept"));
  });

  it("exits 1 when the console refuses the token, and 2 on bad usage", async () => {
    const refused = await simulate("csi_not-a-real-token", ["--count", "20", "--rate", "600", "--duration", "1"]);
    expect(refused.code).toBe(1);
    expect(refused.summary.ok).toBe(false);
    expect(refused.summary.decisions.failed).toBe(20);

    const io = fakeIo();
    await expect(command.run(["--token", "csi_x"], io)).rejects.toThrow(UsageError);
    await expect(command.run(["--url", server.url, "--token", "csi_x", "--surfaces", "a,b", "--shift", "c:DENY:0.5@1"], io)).rejects.toThrow(/not one of --surfaces/);
    await expect(command.run(["--url", server.url, "--token", "csi_x", "--speedup", "0"], io)).rejects.toThrow(UsageError);
  });
});
