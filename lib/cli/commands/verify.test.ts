import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES_DIR, loadVectorFile, vectorReceipt } from "../../core/receipts/fixtures/load-vectors";
import { UsageError, type CliIO } from "../io";
import { command } from "./verify";

const vectors = loadVectorFile();
const TRUST = join(FIXTURES_DIR, vectors.trust);
const AT = ["--at", vectors.now];
let dir: string;

function fakeIo(stdin = ""): CliIO & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line), readStdin: async () => stdin, env: {} };
}

async function run(args: string[], stdin = "") {
  const io = fakeIo(stdin);
  const code = await command.run(args, io);
  return { code, lines: io.lines, errors: io.errors };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "countersign-verify-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("countersign verify with the shared vectors", () => {
  // A receipt file is read as a batch, so line breaks separate receipts: those two vectors only
  // hold when their text is verified as one receipt (see vectors.json "about").
  const fileVectors = vectors.vectors.filter((v) => v.file && !v.receipt!.includes("\n"));

  it.each(fileVectors.map((v) => [v.name, v] as const))("%s", async (_name, vector) => {
    const { code, lines } = await run(["--trust", TRUST, ...AT, "--json", join(FIXTURES_DIR, vector.file!)]);
    const report = JSON.parse(lines[0]!) as { results: Array<{ verdict: string; step?: number }> };
    expect(report.results.map((r) => [r.verdict, r.step])).toEqual([[vector.expectedVerdict, vector.step]]);
    expect(code).toBe(vector.expectedVerdict === "valid" ? 0 : 1);
  });

  it("reads a receipt file with a trailing newline as that one receipt", async () => {
    const vector = vectors.vectors.find((v) => v.name === "malformed-trailing-newline")!;
    expect((await run(["--trust", TRUST, ...AT, join(FIXTURES_DIR, vector.file!)])).code).toBe(0);
  });

  it("prints one line per receipt of a batch, in order, and exits 1 when any fails", async () => {
    const batch = vectors.batches.find((b) => b.name === "batch-array")!;
    const { code, lines, errors } = await run(["--trust", TRUST, ...AT, join(FIXTURES_DIR, batch.file)]);
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual(batch.expectedVerdicts);
    expect(lines[0]).toMatch(/^valid\s+gate-eu-1\s+rcpt-eddsa\s+PERMIT\s+.*batch-array\.json#1\s+key eu1-ed25519 \(EdDSA\)$/);
    expect(lines[2]).toMatch(/bad_signature .*#3\s+step 7: signature does not verify$/);
    expect(errors[0]).toBe("3 receipts: 2 valid, 1 not valid");
    expect(code).toBe(1);
  });

  it("labels newline-separated receipts by line and reads standard input", async () => {
    const valid = vectorReceipt(vectors.vectors.find((v) => v.name === "valid-es256-compact")!);
    const { code, lines } = await run(["--trust", TRUST, ...AT, "-"], `${valid}\n\n${valid}\n`);
    expect(lines.map((line) => line.split(/\s+/).at(4))).toEqual(["-:1", "-:3"]);
    expect(code).toBe(0);
  });

  it("gives machine output with --json", async () => {
    const valid = vectors.vectors.find((v) => v.name === "valid-eddsa-compact")!;
    const { lines } = await run(["--trust", TRUST, ...AT, "--json", join(FIXTURES_DIR, valid.file!)]);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      at: "2026-11-22T00:00:00.000Z",
      results: [{ verdict: "valid", iss: "gate-eu-1", id: "rcpt-eddsa", decision: "PERMIT", kid: "eu1-ed25519", alg: "EdDSA", issuerPinned: true }],
      summary: { total: 1, valid: 1, notValid: 0 },
    });
  });

  it("judges future_iat against --at", async () => {
    const future = join(FIXTURES_DIR, vectors.vectors.find((v) => v.name === "future-iat")!.file!);
    expect((await run(["--trust", TRUST, "--at", "2100-01-01T00:00:00Z", future])).code).toBe(0);
    expect((await run(["--trust", TRUST, "--at", "2099-12-31T23:00:00Z", future])).code).toBe(1);
  });

  it("reports a file that is not a batch as malformed, exit 1", async () => {
    const broken = join(dir, "broken.json");
    await writeFile(broken, "[\"abc\", ");
    const { code, lines } = await run(["--trust", TRUST, broken]);
    expect(lines[0]).toMatch(/^malformed .*step 2: body is not valid JSON$/);
    expect(code).toBe(1);
  });

  it("pins the keys of a plain JWKS with --iss, and notes when they are not pinned", async () => {
    const plain = join(dir, "plain.json");
    const trust = JSON.parse(readFileSync(TRUST, "utf8")) as { keys: Array<Record<string, string>> };
    await writeFile(plain, JSON.stringify({ keys: trust.keys.filter((k) => k.iss === "gate-eu-1").map(({ iss: _iss, ...k }) => k) }));
    const receipt = join(FIXTURES_DIR, vectors.vectors.find((v) => v.name === "valid-eddsa-compact")!.file!);
    const open = await run(["--trust", plain, ...AT, receipt]);
    expect(open.code).toBe(0);
    expect(open.errors[1]).toMatch(/vouch for any iss/);
    expect((await run(["--trust", plain, "--iss", "gate-us-2", ...AT, receipt])).code).toBe(1);
  });
});

describe("countersign verify with many files", () => {
  it("answers in the order the files were given, whichever finishes first", async () => {
    // More files than are verified at once, valid and invalid interleaved (RS256 verifies faster than EdDSA).
    const files = vectors.vectors.filter((v) => v.file && !v.receipt!.includes("\n")).slice(0, 12);
    const inputs = Array.from({ length: 90 }, (_, i) => files[i % files.length]!);
    const { lines } = await run(["--trust", TRUST, ...AT, "--json", ...inputs.map((v) => join(FIXTURES_DIR, v.file!))]);
    const report = JSON.parse(lines[0]!) as { results: Array<{ source: string; verdict: string }> };
    expect(report.results.map((r) => [r.source, r.verdict])).toEqual(inputs.map((v) => [join(FIXTURES_DIR, v.file!), v.expectedVerdict]));
  });

  it("reports the first unreadable file in the order given", async () => {
    const valid = join(FIXTURES_DIR, vectors.vectors.find((v) => v.name === "valid-eddsa-compact")!.file!);
    const inputs = [...Array.from({ length: 40 }, () => valid), "/nonexistent/first.jws", valid, "/nonexistent/second.jws"];
    await expect(command.run(["--trust", TRUST, ...AT, ...inputs], fakeIo())).rejects.toThrow(/first\.jws/);
  });
});

describe("countersign verify: usage errors exit 2", () => {
  it.each([
    ["no --trust", ["x.jws"]],
    ["no receipt", ["--trust", TRUST]],
    ["stdin twice", ["--trust", TRUST, "-", "-"]],
    ["a bad --at", ["--trust", TRUST, "--at", "yesterday", "x"]],
    ["an unknown flag", ["--trust", TRUST, "--fetch", "x"]],
    ["an unreadable receipt file", ["--trust", TRUST, "/nonexistent/receipt.jws"]],
    ["an unreadable trust file", ["--trust", "/nonexistent/trust.json", "x"]],
  ])("%s", async (_name, args) => {
    await expect(command.run(args, fakeIo())).rejects.toBeInstanceOf(UsageError);
  });

  it("a trust file holding a private key", async () => {
    const keys = JSON.parse(readFileSync(join(FIXTURES_DIR, "keys.private.json"), "utf8")) as { keys: Record<string, object> };
    const bad = join(dir, "private-trust.json");
    await writeFile(bad, JSON.stringify({ keys: [keys.keys["eu1-ed25519"]] }));
    await expect(command.run(["--trust", bad, "x"], fakeIo())).rejects.toThrow(/private member "d"/);
  });
});
