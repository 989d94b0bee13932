import { describe, expect, it } from "vitest";
import { signCheckpoint } from "./checkpoint-verify";
import { cosignerFromSeed } from "./cosignature";
import { toBase64, utf8 } from "./encoding";
import { TlogError } from "./errors";
import { MemoryTree } from "./memory-tree";
import { noteSignerFromSeed, signNote } from "./note-sign";
import { parseNote } from "./signed-note";
import { formatTlogProof, parseTlogProof, verifyTlogProof } from "./tlog-proof";

const origin = "log.example/countersign";
const entries = Array.from({ length: 11 }, (_, i) => utf8(`receipt ${i}`));

async function codeOf(run: () => unknown): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    if (error instanceof TlogError) return error.code;
    throw error;
  }
}

async function fixture() {
  const log = await noteSignerFromSeed(origin, new Uint8Array(32).fill(1));
  const tree = new MemoryTree();
  for (const e of entries) tree.append(e);
  const checkpoint = await signCheckpoint({ origin, size: tree.size, rootHash: tree.root(), extensions: [] }, log);
  const proofFor = (index: number, extra?: Uint8Array) =>
    formatTlogProof({ index, hashes: tree.inclusionProof(index), checkpoint, ...(extra ? { extra } : {}) });
  return { log, tree, checkpoint, proofFor, policy: { logKey: log.verifierKey } };
}

describe("tlog-proof@v1", () => {
  it("parses the spec's example up to its (elided) checkpoint", () => {
    const example = [
      "c2sp.org/tlog-proof@v1",
      "extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ",
      "index 73894",
      "gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=",
      "B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=",
      "EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=",
      "RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=",
      "AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=",
      "",
      "example.com/fancylog",
      "109482",
      "sFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=",
      "",
      "— example.com/fancylog hI2DJw==",
      "",
    ].join("\n");
    const proof = parseTlogProof(example);
    expect(proof.index).toBe(73894);
    expect(proof.hashes).toHaveLength(5);
    expect(new TextDecoder().decode(proof.extra)).toMatch(/^age-v1\.2\.1-darwin-arm64\.tar\.gz/);
    expect(proof.checkpoint.startsWith("example.com/fancylog\n109482\n")).toBe(true);
    expect(formatTlogProof(proof)).toBe(example);
  });

  it("verifies every entry of a log, with and without extra data", async () => {
    const { proofFor, policy } = await fixture();
    for (let i = 0; i < entries.length; i++) {
      const result = await verifyTlogProof(entries[i]!, proofFor(i), policy);
      expect(result.index).toBe(i);
      expect(result.checkpoint.size).toBe(entries.length);
    }
    const withExtra = await verifyTlogProof(entries[3]!, proofFor(3, utf8("ctx")), policy);
    expect(withExtra.extra).toEqual(utf8("ctx"));
  });

  it("fails inclusion for another entry, another index or an altered hash", async () => {
    const { proofFor, policy } = await fixture();
    expect(await codeOf(() => verifyTlogProof(entries[4]!, proofFor(3), policy))).toBe("INCLUSION_PROOF_INVALID");
    expect(await codeOf(() => verifyTlogProof(utf8("receipt 3 "), proofFor(3), policy))).toBe("INCLUSION_PROOF_INVALID");
    const moved = proofFor(3).replace("index 3\n", "index 2\n");
    expect(await codeOf(() => verifyTlogProof(entries[3]!, moved, policy))).toBe("INCLUSION_PROOF_INVALID");
    const outside = proofFor(3).replace("index 3\n", "index 11\n");
    expect(await codeOf(() => verifyTlogProof(entries[3]!, outside, policy))).toBe("INCLUSION_PROOF_INVALID");
    const lines = proofFor(3).split("\n");
    lines[2] = toBase64(new Uint8Array(32));
    expect(await codeOf(() => verifyTlogProof(entries[3]!, lines.join("\n"), policy))).toBe("INCLUSION_PROOF_INVALID");
  });

  it("checks the checkpoint's signature before trusting its root", async () => {
    const { tree, proofFor, policy } = await fixture();
    const impostor = await noteSignerFromSeed(origin, new Uint8Array(32).fill(2));
    const forgedCheckpoint = await signCheckpoint({ origin, size: tree.size, rootHash: tree.root(), extensions: [] }, impostor);
    const forged = formatTlogProof({ index: 0, hashes: tree.inclusionProof(0), checkpoint: forgedCheckpoint });
    expect(await codeOf(() => verifyTlogProof(entries[0]!, forged, policy))).toBe("NOTE_NO_KNOWN_SIGNATURE");
    const wrongOrigin = { ...policy, origin: "log.example/other" };
    expect(await codeOf(() => verifyTlogProof(entries[0]!, proofFor(0), wrongOrigin))).toBe("ORIGIN_MISMATCH");
  });

  it("applies the witness policy to the embedded checkpoint", async () => {
    const { tree, checkpoint, policy } = await fixture();
    const witness = await cosignerFromSeed("witness.example", new Uint8Array(32).fill(5), 1_795_183_237);
    const note = parseNote(checkpoint);
    const cosigned = await signNote(note.text, [witness], note.signatures);
    const proof = formatTlogProof({ index: 5, hashes: tree.inclusionProof(5), checkpoint: cosigned });
    const strict = { ...policy, witnesses: [witness.verifierKey], witnessThreshold: 1 };
    await expect(verifyTlogProof(entries[5]!, proof, strict)).resolves.toMatchObject({ index: 5 });
    const bare = formatTlogProof({ index: 5, hashes: tree.inclusionProof(5), checkpoint });
    expect(await codeOf(() => verifyTlogProof(entries[5]!, bare, strict))).toBe("WITNESS_THRESHOLD_NOT_MET");
  });

  it("rejects bytes that are not UTF-8", () => {
    expect(() => parseTlogProof(Uint8Array.of(0x63, 0xff, 0x0a, 0x0a))).toThrow(expect.objectContaining({ code: "PROOF_MALFORMED" }));
  });

  it.each([
    ["a wrong header", (p: string) => p.replace("c2sp.org/tlog-proof@v1", "c2sp.org/tlog-proof@v2")],
    ["a missing index", (p: string) => p.replace("index 3\n", "")],
    ["an index with a leading zero", (p: string) => p.replace("index 3\n", "index 03\n")],
    ["a negative index", (p: string) => p.replace("index 3\n", "index -3\n")],
    ["an empty extra line", (p: string) => p.replace("index 3\n", "extra \nindex 3\n")],
    ["extra after the index", (p: string) => p.replace("index 3\n", "index 3\nextra AAAA\n")],
    ["a short hash", (p: string) => p.replace(/\nindex 3\n[^\n]+\n/, "\nindex 3\nAAAA\n")],
    ["CRLF line ends", (p: string) => p.replace("index 3\n", "index 3\r\n")],
    ["no checkpoint", (p: string) => p.slice(0, p.indexOf("\n\n") + 2)],
    ["no blank line", (p: string) => p.replace("\n\n", "\n")],
  ])("rejects a proof with %s", async (_, mangle) => {
    const { proofFor } = await fixture();
    expect(await codeOf(() => parseTlogProof(mangle(proofFor(3))))).toBe("PROOF_MALFORMED");
  });
});
