import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MemoryTree, formatVerifierKey, noteSignerFromSeed, signCheckpoint, toBase64, type NoteSigner } from "../../core/tlog";
import { UsageError, type CliIO } from "../io";
import { command } from "./log-monitor";

const ORIGIN = "console.example/log";
const entry = (i: number, branch = "main") => new TextEncoder().encode(`${branch} receipt ${i}`);

// The console under test: a real in-memory log served over HTTP. `fork` shares the first
// FORK_AT entries with `main` and then diverges, as a split view would.
const FORK_AT = 5;
type Log = { tree: MemoryTree; signer: NoteSigner };
let main: Log;
let fork: Log;
let served: Log;
let checkpointSize: number | undefined; // serve an older checkpoint (a rollback)
let checkpointSigner: NoteSigner | undefined; // sign with another key
let proofCheckpoint: string | undefined; // a different checkpoint beside the proof
let failCheckpoint = false;
const requests: string[] = [];
let server: Server;
let base: string;
let dir: string;
let statePath: string;

function grow(log: Log, to: number, branch: string): void {
  while (log.tree.size < to) log.tree.append(entry(log.tree.size, log.tree.size < FORK_AT ? "main" : branch));
}

async function note(log: Log, size: number, signer = log.signer): Promise<string> {
  return signCheckpoint({ origin: ORIGIN, size, rootHash: log.tree.root(size), extensions: [] }, signer);
}

async function answer(path: string, query: URLSearchParams): Promise<[number, string]> {
  if (path === "/api/v1/log/vkey") return [200, `${formatVerifierKey(served.signer.verifierKey)}\n`];
  if (path === "/api/v1/log/checkpoint") {
    if (failCheckpoint) return [500, "database unavailable"];
    return [200, await note(served, checkpointSize ?? served.tree.size, checkpointSigner)];
  }
  if (path === "/api/v1/log/proof/consistency") {
    const from = Number(query.get("from"));
    const to = Number(query.get("to"));
    const hashes = served.tree.consistencyProof(from, to).map(toBase64);
    return [200, JSON.stringify({ from, to, hashes, checkpoint: proofCheckpoint ?? (await note(served, to)) })];
  }
  return [404, "not found"];
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "log-monitor-"));
  const signer = await noteSignerFromSeed(ORIGIN, new Uint8Array(32).fill(3));
  main = { tree: new MemoryTree(), signer };
  fork = { tree: new MemoryTree(), signer };
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    requests.push(url.pathname);
    answer(url.pathname, url.searchParams).then(
      ([status, body]) => res.writeHead(status, { "content-type": "text/plain" }).end(body),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

let testNumber = 0;
beforeEach(() => {
  main.tree = new MemoryTree();
  fork.tree = new MemoryTree();
  grow(main, 3, "main");
  served = main;
  checkpointSize = undefined;
  checkpointSigner = undefined;
  proofCheckpoint = undefined;
  failCheckpoint = false;
  requests.length = 0;
  statePath = join(dir, `state-${++testNumber}.json`);
});

async function run(...extra: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const io: CliIO = { out: (l) => lines.push(l), err: (l) => errors.push(l), readStdin: async () => "", env: {} };
  const code = await command.run(["--state", statePath, ...extra, base], io);
  return { code, out: lines.join("\n"), err: errors.join("\n") };
}

const readState = async () => JSON.parse(await readFile(statePath, "utf8")) as { size: number; root: string; vkey: string; checkpoint: string };

describe("countersign log monitor", () => {
  it("pins the key on the first run, then follows the log as it grows", async () => {
    const first = await run();
    expect(first.code).toBe(0);
    expect(first.err).toMatch(/pinned the log key console\.example\/log\+/);
    expect(await readState()).toMatchObject({ size: 3, root: toBase64(main.tree.root(3)), vkey: formatVerifierKey(main.signer.verifierKey) });

    grow(main, 10, "main");
    requests.length = 0;
    const second = await run("--json");
    expect(second.code).toBe(0);
    expect(JSON.parse(second.out)).toMatchObject({ valid: true, status: "grew", previousSize: 3, size: 10 });
    expect(requests).toEqual(["/api/v1/log/checkpoint", "/api/v1/log/proof/consistency"]);
    expect((await readState()).size).toBe(10);

    const before = await readFile(statePath, "utf8");
    const third = await run();
    expect(third.code).toBe(0);
    expect(third.out).toMatch(/unchanged: the log is still at size 10/);
    expect(await readFile(statePath, "utf8")).toBe(before);
  });

  it("uses --vkey from the start without asking the console for its key", async () => {
    const result = await run("--vkey", formatVerifierKey(main.signer.verifierKey));
    expect(result.code).toBe(0);
    expect(requests).not.toContain("/api/v1/log/vkey");
  });

  it("detects a fork that grew past the last checkpoint seen, and keeps the state", async () => {
    grow(main, 8, "main");
    expect((await run()).code).toBe(0);
    const before = await readFile(statePath, "utf8");
    grow(fork, 12, "fork");
    served = fork;
    const result = await run("--json");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out);
    expect(report).toMatchObject({ valid: false, code: "CONSISTENCY_PROOF_INVALID" });
    expect(report.evidence.previousCheckpoint).toContain("\n8\n");
    expect(report.evidence.checkpoint).toContain("\n12\n");
    expect(await readFile(statePath, "utf8")).toBe(before);
  });

  it("detects two roots signed for the same size", async () => {
    grow(main, 8, "main");
    expect((await run()).code).toBe(0);
    grow(fork, 8, "fork");
    served = fork;
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^FAILED \(LOG_FORKED\)/);
    expect(result.err).toMatch(/evidence/);
    expect((await readState()).root).toBe(toBase64(main.tree.root(8)));
  });

  it("detects a log that shrank (a rollback to an older checkpoint)", async () => {
    grow(main, 9, "main");
    expect((await run()).code).toBe(0);
    checkpointSize = 6;
    const result = await run("--json");
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toMatchObject({ code: "LOG_SHRANK" });
    expect((await readState()).size).toBe(9);
  });

  it("rejects a checkpoint that the pinned key did not sign", async () => {
    expect((await run()).code).toBe(0);
    grow(main, 6, "main");
    checkpointSigner = await noteSignerFromSeed(ORIGIN, new Uint8Array(32).fill(4));
    const result = await run("--json");
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toMatchObject({ code: "NOTE_NO_KNOWN_SIGNATURE" });
    expect((await readState()).size).toBe(3);
  });

  it("rejects a proof served beside a different checkpoint of the same size", async () => {
    expect((await run()).code).toBe(0);
    grow(main, 7, "main");
    grow(fork, 7, "fork");
    proofCheckpoint = await note(fork, 7);
    const result = await run("--json");
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toMatchObject({ code: "LOG_FORKED" });
  });

  it("checks the origin against --origin or the key's name", async () => {
    const result = await run("--origin", "console.example/other", "--json");
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toMatchObject({ code: "ORIGIN_MISMATCH" });
  });

  it("exits 2 and keeps the state when the console cannot be reached or fails", async () => {
    expect((await run()).code).toBe(0);
    const before = await readFile(statePath, "utf8");
    failCheckpoint = true;
    const failed = await run();
    expect(failed.code).toBe(2);
    expect(failed.err).toMatch(/HTTP 500/);
    const io: CliIO = { out: () => {}, err: () => {}, readStdin: async () => "", env: {} };
    const closed = await command.run(["--state", statePath, "--timeout", "5", "http://127.0.0.1:9"], io);
    expect(closed).toBe(2);
    expect(await readFile(statePath, "utf8")).toBe(before);
  });

  it("refuses a corrupt state file, a conflicting --vkey and a missing URL as usage errors", async () => {
    await writeFile(statePath, "{not json");
    await expect(run()).rejects.toThrow(UsageError);
    await rm(statePath);
    expect((await run()).code).toBe(0);
    const other = await noteSignerFromSeed(ORIGIN, new Uint8Array(32).fill(9));
    await expect(run("--vkey", formatVerifierKey(other.verifierKey))).rejects.toThrow(/differs from the key pinned/);
    const io: CliIO = { out: () => {}, err: () => {}, readStdin: async () => "", env: {} };
    await expect(command.run(["--state", statePath], io)).rejects.toThrow(UsageError);
  });
});
