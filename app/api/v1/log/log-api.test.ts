/**
 * The public log API, served by its real route handlers over HTTP, checked with the auditor's
 * own tools: `countersign log verify-note / verify-inclusion / verify-consistency` on its
 * answers, and `countersign log monitor` following it — and catching a corrupted stored node.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { command as monitor } from "@/lib/cli/commands/log-monitor";
import { command as verifyConsistency } from "@/lib/cli/commands/log-verify-consistency";
import { command as verifyInclusion } from "@/lib/cli/commands/log-verify-inclusion";
import { command as verifyNote } from "@/lib/cli/commands/log-verify-note";
import type { CliIO, Command } from "@/lib/cli/io";
import { fromBase64, leafHash, toHex } from "@/lib/core/tlog";
import { useDatabase } from "@/lib/server/db";
import { serveFetchHandler } from "@/lib/server/testing/serve-fetch-handler";
import { databaseKinds } from "@/lib/server/testing/test-database";
import { checkpointIfGrown, getLogSigner, sequencePending, type LogSigner } from "@/lib/server/tlog";
import { logFixture, type LogFixture } from "@/lib/server/tlog/tlog.test-support";
import * as checkpointRoute from "./checkpoint/route";
import * as checkpointsRoute from "./checkpoints/route";
import * as entriesRoute from "./entries/route";
import * as consistencyRoute from "./proof/consistency/route";
import * as inclusionRoute from "./proof/inclusion/route";
import * as vkeyRoute from "./vkey/route";

// Before any import reads the configuration: the log key is generated into this data directory.
const dir = await vi.hoisted(async () => {
  const [{ mkdtempSync: mkdtemp }, { tmpdir: tmp }, { join }] = await Promise.all([import("node:fs"), import("node:os"), import("node:path")]);
  const at = mkdtemp(join(tmp(), "countersign-log-api-"));
  process.env.COUNTERSIGN_DATA_DIR = at;
  return at;
});
let key: LogSigner;

type Get = (req: Request, segment: { params: Promise<Record<string, never>> }) => Promise<Response>;
const ROUTES: Record<string, Get> = {
  "/api/v1/log/checkpoint": checkpointRoute.GET,
  "/api/v1/log/checkpoints": checkpointsRoute.GET,
  "/api/v1/log/vkey": vkeyRoute.GET,
  "/api/v1/log/entries": entriesRoute.GET,
  "/api/v1/log/proof/inclusion": inclusionRoute.GET,
  "/api/v1/log/proof/consistency": consistencyRoute.GET,
};

async function route(req: Request): Promise<Response> {
  const handler = ROUTES[new URL(req.url).pathname];
  return handler ? handler(req, { params: Promise.resolve({}) }) : new Response("not found", { status: 404 });
}

async function run(cmd: Command, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (l) => void out.push(l), err: (l) => void err.push(l), readStdin: async () => "", env: {} };
  const code = await cmd.run(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe.each(await databaseKinds())("log API on %s", (kind) => {
  let f: LogFixture;
  let server: Awaited<ReturnType<typeof serveFetchHandler>>;
  const get = (p: string) => fetch(`${server.url}${p}`);
  const file = (name: string, text: string) => {
    const at = path.join(dir, `${kind}-${name}`);
    writeFileSync(at, text);
    return at;
  };
  const grow = async (n: number, prefix: string) => {
    await f.ingest(Array.from({ length: n }, (_, i) => `${prefix}-${i}`));
    await sequencePending(f.database.db);
    return checkpointIfGrown(f.database.db, key, new Date());
  };

  beforeAll(async () => {
    key = await getLogSigner();
    f = await logFixture(kind);
    useDatabase(f.database);
    server = await serveFetchHandler(route);
    await grow(20, "first");
  });
  afterAll(async () => {
    await server.close();
    await f.database.drop();
  });

  it("generates the log key once into the data directory, readable by its owner only", () => {
    expect(key.origin).toBe("localhost:3000/countersign");
    expect(statSync(path.join(dir, "log-key")).mode & 0o777).toBe(0o600);
  });

  it("serves a checkpoint that countersign log verify-note accepts under the served key", async () => {
    const vkey = (await (await get("/api/v1/log/vkey")).text()).trim();
    expect(vkey).toBe(key.vkey);
    const response = await get("/api/v1/log/checkpoint");
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const note = await response.text();
    const result = await run(verifyNote, ["--vkey", vkey, "--json", file("checkpoint.note", note)]);
    expect(result.code, result.out).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ valid: true, size: 20 });
  });

  it("serves inclusion proofs that countersign log verify-inclusion accepts, for the receipt's exact bytes", async () => {
    const logged = await f.logged();
    const response = await get(`/api/v1/log/proof/inclusion?receipt=${logged[13]!.id}`);
    expect(response.headers.get("cache-control")).not.toMatch(/immutable/);
    const proof = (await response.json()) as { index: number; size: number; leafHash: string; hashes: string[]; checkpoint: string };
    expect(proof).toMatchObject({ index: 13, size: 20, leafHash: toHex(leafHash(logged[13]!.raw)) });
    const root = proof.checkpoint.split("\n")[2]!;
    const args = ["--index", "13", "--size", "20", "--entry", file("entry-13", Buffer.from(logged[13]!.raw).toString("latin1")), "--root", root, "--proof", proof.hashes.join(",")];
    const ok = await run(verifyInclusion, args);
    expect(ok.code, ok.out).toBe(0);
    expect((await run(verifyInclusion, [...args.slice(0, 4), "--leaf-hash", toHex(leafHash(logged[12]!.raw)), ...args.slice(6)])).code).toBe(1);

    const fixed = await get("/api/v1/log/proof/inclusion?index=3&size=7");
    expect(fixed.headers.get("cache-control")).toMatch(/immutable/);
    const small = (await fixed.json()) as typeof proof;
    expect((await run(verifyNote, ["--vkey", key.vkey, file("checkpoint-7.note", small.checkpoint)])).code).toBe(0);
    expect(small.checkpoint.split("\n")[1]).toBe("7");
  });

  it("serves consistency proofs that countersign log verify-consistency accepts", async () => {
    const old = (await (await get("/api/v1/log/proof/inclusion?index=0&size=6")).json()) as { checkpoint: string };
    const proof = (await (await get("/api/v1/log/proof/consistency?from=6&to=20")).json()) as { from: number; to: number; hashes: string[]; checkpoint: string };
    expect(proof).toMatchObject({ from: 6, to: 20 });
    const result = await run(verifyConsistency, [
      "--old-size", "6", "--new-size", "20",
      "--old-root", old.checkpoint.split("\n")[2]!, "--new-root", proof.checkpoint.split("\n")[2]!,
      "--proof", proof.hashes.join(","),
    ]);
    expect(result.code, result.out).toBe(0);
  });

  it("serves the exact logged bytes, and JSON errors for bad ranges", async () => {
    const logged = await f.logged();
    const entries = (await (await get("/api/v1/log/entries?start=0&end=20")).json()) as { start: number; end: number; entries: string[] };
    expect(entries.entries.map((e) => fromBase64(e))).toEqual(logged.slice(0, 20).map((r) => r.raw));
    const bad = await get("/api/v1/log/proof/inclusion?index=5&size=5");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "BAD_REQUEST", reason: "BAD_RANGE" } });
    expect((await get("/api/v1/log/proof/consistency?from=1&to=99999")).status).toBe(404);
    const history = (await (await get("/api/v1/log/checkpoints?limit=2")).json()) as { items: Array<{ size: number }>; nextCursor: string | null };
    expect(history.items.map((c) => c.size)).toEqual([20, 7]);
    expect(history.nextCursor).toBe("7");
  });

  it("is followed by countersign log monitor, which catches a corrupted stored node and keeps its state", async () => {
    const state = path.join(dir, `${kind}-monitor.json`);
    const first = await run(monitor, ["--state", state, "--json", server.url]);
    expect(first.code, first.err).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ status: "first", size: 20 });

    await grow(5, "second");
    const grew = await run(monitor, ["--state", state, "--json", server.url]);
    expect(JSON.parse(grew.out)).toMatchObject({ status: "grew", previousSize: 20, size: 25 });

    // The tree of 25 is [0,16) + [16,24) + 24: rewrite the stored hash of [0,16), as a tampering
    // operator (or a failing disk) would; every later tree head builds on it.
    await f.database.db.execute(sql`update tlog_nodes set hash = sha256(hash) where level = 4 and idx = 0`);
    await grow(9, "third");
    const caught = await run(monitor, ["--state", state, "--json", server.url]);
    expect(caught.code, caught.out).toBe(1);
    expect(JSON.parse(caught.out)).toMatchObject({ valid: false, code: "CONSISTENCY_PROOF_INVALID" });
    expect(JSON.parse(readFileSync(state, "utf8"))).toMatchObject({ size: 25 });
  });
});
