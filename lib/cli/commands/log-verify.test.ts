// Tests for the offline `countersign log verify-*` commands, against a real in-memory log.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MemoryTree,
  cosignerFromSeed,
  formatTlogProof,
  formatVerifierKey,
  leafHash,
  noteSignerFromSeed,
  parseNote,
  signCheckpoint,
  signNote,
  toBase64,
  toHex,
  type NoteSigner,
} from "../../core/tlog";
import { UsageError, type CliIO, type Command } from "../io";
import { command as verifyConsistency } from "./log-verify-consistency";
import { command as verifyInclusion } from "./log-verify-inclusion";
import { command as verifyNote } from "./log-verify-note";
import { command as verifyProof } from "./log-verify-proof";

const ORIGIN = "console.example/log";
const entries = Array.from({ length: 7 }, (_, i) => new TextEncoder().encode(`receipt ${i}`));
const tree = new MemoryTree();
for (const e of entries) tree.append(e);
const b64list = (hashes: Uint8Array[]) => hashes.map(toBase64).join(",");

let dir: string;
let log: NoteSigner;
let witness: NoteSigner;
let vkey: string;
let witnessVkey: string;
const files: Record<string, string> = {};

async function run(command: Command, args: string[], stdin = "") {
  const lines: string[] = [];
  const io: CliIO = { out: (l) => lines.push(l), err: () => {}, readStdin: async () => stdin, env: {} };
  const code = await command.run(args, io);
  return { code, out: lines.join("\n") };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "log-verify-"));
  log = await noteSignerFromSeed(ORIGIN, new Uint8Array(32).fill(1));
  witness = await cosignerFromSeed("witness.example/w1", new Uint8Array(32).fill(2), 1_795_183_237);
  vkey = formatVerifierKey(log.verifierKey);
  witnessVkey = formatVerifierKey(witness.verifierKey);
  const checkpoint = await signCheckpoint({ origin: ORIGIN, size: 7, rootHash: tree.root(), extensions: [] }, log);
  const parsed = parseNote(checkpoint);
  const cosigned = await signNote(parsed.text, [witness], parsed.signatures);
  const contents: Record<string, string | Uint8Array> = {
    "checkpoint.note": checkpoint,
    "cosigned.note": cosigned,
    "tampered.note": checkpoint.replace("\n7\n", "\n6\n"),
    "entry-4.jws": entries[4]!,
    "entry-4.tlog-proof": formatTlogProof({ index: 4, hashes: tree.inclusionProof(4), checkpoint: cosigned }),
    "garbage.tlog-proof": "hello\n",
  };
  for (const [name, content] of Object.entries(contents)) {
    files[name] = join(dir, name);
    await writeFile(files[name]!, content);
  }
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe("log verify-inclusion", () => {
  const args = (index: number, size = 7, proof = tree.inclusionProof(index, size)) => [
    "--index", String(index), "--size", String(size), "--leaf-hash", toHex(leafHash(entries[index]!)),
    "--root", toBase64(tree.root(size)), "--proof", b64list(proof),
  ];

  it("exits 0 for a valid proof and 1 for a proof of another leaf", async () => {
    expect(await run(verifyInclusion, args(2))).toMatchObject({ code: 0, out: expect.stringMatching(/^valid: leaf 2/) });
    const wrong = args(2, 7, tree.inclusionProof(3));
    const result = await run(verifyInclusion, [...wrong, "--json"]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toMatchObject({ valid: false, code: "INCLUSION_PROOF_INVALID" });
  });

  it("accepts the entry's bytes instead of its leaf hash, and a size-1 tree's empty proof", async () => {
    const byEntry = ["--index", "4", "--size", "7", "--entry", files["entry-4.jws"]!, "--root", toBase64(tree.root()), "--proof", b64list(tree.inclusionProof(4))];
    expect((await run(verifyInclusion, byEntry)).code).toBe(0);
    expect((await run(verifyInclusion, args(0, 1, []))).code).toBe(0);
    const base64Leaf = args(2).map((a, i, all) => (all[i - 1] === "--leaf-hash" ? toBase64(leafHash(entries[2]!)) : a));
    expect((await run(verifyInclusion, base64Leaf)).code).toBe(0);
  });

  it("treats unparseable flags as usage errors", async () => {
    await expect(run(verifyInclusion, ["--index", "01", ...args(1).slice(2)])).rejects.toThrow(UsageError);
    await expect(run(verifyInclusion, [...args(1), "--root", "not base64"])).rejects.toThrow(/--root/);
    await expect(run(verifyInclusion, [...args(1), "--proof", "AAAA"])).rejects.toThrow(/item 1/);
    await expect(run(verifyInclusion, [...args(1), "--bogus"])).rejects.toThrow(UsageError);
    await expect(run(verifyInclusion, args(1).slice(0, 4))).rejects.toThrow(/--leaf-hash/);
  });
});

describe("log verify-consistency", () => {
  const args = (m: number, n: number, proof = tree.consistencyProof(m, n)) => [
    "--old-size", String(m), "--new-size", String(n), "--old-root", toBase64(tree.root(m)),
    "--new-root", toBase64(tree.root(n)), "--proof", b64list(proof),
  ];

  it("exits 0 for a valid proof, 1 for a damaged one, and follows the equal-size convention", async () => {
    expect((await run(verifyConsistency, args(3, 7))).code).toBe(0);
    expect((await run(verifyConsistency, args(7, 7))).code).toBe(0);
    const damaged = await run(verifyConsistency, args(3, 7, tree.consistencyProof(3, 7).slice(1)));
    expect(damaged).toMatchObject({ code: 1, out: expect.stringMatching(/^invalid \(CONSISTENCY_PROOF_INVALID\)/) });
  });

  it("requires every size and root", async () => {
    await expect(run(verifyConsistency, args(3, 7).slice(2))).rejects.toThrow(/--old-size/);
  });
});

describe("log verify-note", () => {
  it("verifies the log's signature and origin", async () => {
    const result = await run(verifyNote, ["--vkey", vkey, files["checkpoint.note"]!]);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`root       ${toBase64(tree.root())}`);
  });

  it("reads standard input for -", async () => {
    const { readFile } = await import("node:fs/promises");
    const note = await readFile(files["checkpoint.note"]!, "utf8");
    expect((await run(verifyNote, ["--vkey", vkey, "--json", "-"], note)).code).toBe(0);
  });

  it("fails a tampered note, a wrong origin and an unmet witness quorum", async () => {
    expect(JSON.parse((await run(verifyNote, ["--vkey", vkey, "--json", files["tampered.note"]!])).out)).toMatchObject({ code: "NOTE_SIGNATURE_INVALID" });
    expect((await run(verifyNote, ["--vkey", vkey, "--origin", "else", files["checkpoint.note"]!])).code).toBe(1);
    const quorum = ["--vkey", vkey, "--witness-vkey", witnessVkey, "--json"];
    expect(JSON.parse((await run(verifyNote, [...quorum, files["checkpoint.note"]!])).out)).toMatchObject({ code: "WITNESS_THRESHOLD_NOT_MET" });
    const ok = JSON.parse((await run(verifyNote, [...quorum, "--witness-threshold", "1", files["cosigned.note"]!])).out);
    expect(ok).toMatchObject({ valid: true, size: 7, witnesses: [{ name: "witness.example/w1", timestamp: 1_795_183_237 }] });
  });

  it("treats a bad key, a missing file and an impossible threshold as usage errors", async () => {
    await expect(run(verifyNote, ["--vkey", vkey.replace("+", "-"), files["checkpoint.note"]!])).rejects.toThrow(/--vkey/);
    await expect(run(verifyNote, ["--vkey", vkey, join(dir, "missing.note")])).rejects.toThrow(/cannot read/);
    await expect(run(verifyNote, ["--vkey", vkey, "--witness-threshold", "1", files["checkpoint.note"]!])).rejects.toThrow(/more than the 0/);
    await expect(run(verifyNote, ["--vkey", witnessVkey, files["checkpoint.note"]!])).rejects.toThrow(/type 0x01/);
  });
});

describe("log verify-proof", () => {
  const base = () => ["--vkey", vkey, "--witness-vkey", witnessVkey, "--witness-threshold", "1"];

  it("verifies an entry against its tlog-proof", async () => {
    const result = await run(verifyProof, [...base(), "--entry", files["entry-4.jws"]!, files["entry-4.tlog-proof"]!]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/at index 4 of the log/);
    expect(result.out).toMatch(/witness    witness\.example\/w1\+/);
  });

  it("fails for other bytes and for a file that is not a proof", async () => {
    await writeFile(join(dir, "other.jws"), "receipt 5");
    const other = await run(verifyProof, [...base(), "--json", "--entry", join(dir, "other.jws"), files["entry-4.tlog-proof"]!]);
    expect(other.code).toBe(1);
    expect(JSON.parse(other.out)).toMatchObject({ code: "INCLUSION_PROOF_INVALID" });
    const garbage = await run(verifyProof, [...base(), "--json", "--entry", files["entry-4.jws"]!, files["garbage.tlog-proof"]!]);
    expect(JSON.parse(garbage.out)).toMatchObject({ code: "PROOF_MALFORMED" });
  });

  it("requires --entry", async () => {
    await expect(run(verifyProof, [...base(), files["entry-4.tlog-proof"]!])).rejects.toThrow(/--entry/);
  });
});
