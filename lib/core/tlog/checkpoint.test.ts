import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { formatCheckpoint, parseCheckpoint } from "./checkpoint";
import { signCheckpoint, verifyCheckpoint } from "./checkpoint-verify";
import { checkCosignature, cosignerFromSeed } from "./cosignature";
import { fromBase64, toBase64, toHex, utf8 } from "./encoding";
import { TlogError } from "./errors";
import { formatVerifierKey, parseVerifierKey, parseWitnessKey, KEY_TYPE_ED25519 } from "./note-keys";
import { noteSignerFromSeed, signNote } from "./note-sign";
import { parseNote } from "./signed-note";

const specText = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
const NOW = 1_795_183_237; // 2026-11-21, frozen
const seed = (n: number): Uint8Array => new Uint8Array(32).fill(n);

async function codeOf(run: () => unknown): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    if (error instanceof TlogError) return error.code;
    throw error;
  }
}

describe("checkpoint text (C2SP tlog-checkpoint)", () => {
  it("parses and re-formats the spec's example", () => {
    const c = parseCheckpoint(specText);
    expect(c.origin).toBe("example.com/behind-the-sofa");
    expect(c.size).toBe(20852163);
    expect(toBase64(c.rootHash)).toBe("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
    expect(c.extensions).toEqual([]);
    expect(formatCheckpoint(c)).toBe(specText);
  });

  it("keeps extension lines and accepts the empty tree", () => {
    const text = "log.example/a\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\next one\next two\n";
    const c = parseCheckpoint(text);
    expect(c.size).toBe(0);
    expect(c.extensions).toEqual(["ext one", "ext two"]);
    expect(formatCheckpoint(c)).toBe(text);
  });

  it.each([
    ["leading zero", "o\n020852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"],
    ["signed size", "o\n+5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"],
    ["negative size", "o\n-1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"],
    ["spaced size", "o\n 5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"],
    ["exponent size", "o\n1e3\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"],
    ["size past 2^53", "o\n9007199254740993\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"],
    ["missing final newline", specText.slice(0, -1)],
    ["missing root line", "o\n5\n"],
    ["empty origin", "\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"],
    ["unpadded base64", "o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n"],
    ["url-safe base64", "o\n5\nCsUYapGGPo4dkMgIAUqom_Xajj7h2fB2MPA3j2jxq2I=\n"],
    ["non-canonical base64", "o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n"],
    ["31-byte root", "o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n"],
    ["empty extension line", `${specText}\n`],
  ])("rejects %s", (_, text) => {
    expect(() => parseCheckpoint(text)).toThrow(expect.objectContaining({ code: "CHECKPOINT_MALFORMED" }));
  });
});

describe("verifyCheckpoint", () => {
  const origin = "log.example/countersign";
  const checkpoint = { origin, size: 7, rootHash: fromBase64("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")!, extensions: [] };

  it("accepts the log's signature; origin defaults to the key's name", async () => {
    const log = await noteSignerFromSeed(origin, seed(1));
    const note = await signCheckpoint(checkpoint, log);
    const result = await verifyCheckpoint(note, { logKey: parseVerifierKey(formatVerifierKey(log.verifierKey)) });
    expect(result.checkpoint.size).toBe(7);
    expect(result.cosignatures).toEqual([]);
  });

  it("checks the origin after the signature", async () => {
    const log = await noteSignerFromSeed("other-name", seed(1));
    const note = await signCheckpoint(checkpoint, log);
    expect(await codeOf(() => verifyCheckpoint(note, { logKey: log.verifierKey }))).toBe("ORIGIN_MISMATCH");
    await expect(verifyCheckpoint(note, { logKey: log.verifierKey, origin })).resolves.toBeDefined();
    expect(await codeOf(() => verifyCheckpoint(note, { logKey: log.verifierKey, origin: "log.example/else" }))).toBe("ORIGIN_MISMATCH");
  });

  it("rejects a checkpoint signed by another key, a tampered one, and a signed non-checkpoint", async () => {
    const log = await noteSignerFromSeed(origin, seed(1));
    const impostor = await noteSignerFromSeed(origin, seed(2));
    const forged = await signCheckpoint(checkpoint, impostor);
    expect(await codeOf(() => verifyCheckpoint(forged, { logKey: log.verifierKey }))).toBe("NOTE_NO_KNOWN_SIGNATURE");
    const tampered = (await signCheckpoint(checkpoint, log)).replace("\n7\n", "\n8\n");
    expect(await codeOf(() => verifyCheckpoint(tampered, { logKey: log.verifierKey }))).toBe("NOTE_SIGNATURE_INVALID");
    const prose = await signNote("hello\n", [log]);
    expect(await codeOf(() => verifyCheckpoint(prose, { logKey: log.verifierKey }))).toBe("CHECKPOINT_MALFORMED");
  });
});

describe("witness cosignatures (C2SP tlog-cosignature)", () => {
  const origin = "log.example/countersign";
  const text = `${origin}\n7\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n`;

  it("lays out the spec example's signature as key ID || u64 timestamp || signature", () => {
    const example = `${specText}\n— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n`;
    const cosig = parseNote(example).signatures[1]!;
    expect(cosig.signature).toHaveLength(72);
    expect(new DataView(cosig.signature.buffer, cosig.signature.byteOffset).getBigUint64(0)).toBe(1679315147n);
  });

  it("agrees with an independent node:crypto signature over the spec's message", async () => {
    const witness = await cosignerFromSeed("witness.example/w1", seed(9), NOW);
    const pkcs8 = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), Buffer.from(seed(9))]);
    const privateKey = createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
    const message = Buffer.from(`cosignature/v1\ntime ${NOW}\n${text}`);
    const theirs = Buffer.concat([Buffer.from("00000000", "hex"), Buffer.alloc(4), nodeSign(null, message, privateKey)]);
    theirs.writeUInt32BE(NOW, 4);
    expect(await checkCosignature(witness.verifierKey, text, new Uint8Array(theirs))).toBe(NOW);
    const ours = await witness.sign(utf8(text));
    expect(toHex(ours)).toBe(toHex(new Uint8Array(theirs)));
    expect(nodeVerify(null, message, createPublicKey(privateKey), Buffer.from(ours.subarray(8)))).toBe(true);
    expect(await checkCosignature(witness.verifierKey, text.replace("7", "8"), ours)).toBeUndefined();
    const otherTime = ours.slice();
    otherTime[7] = otherTime[7]! ^ 1;
    expect(await checkCosignature(witness.verifierKey, text, otherTime)).toBeUndefined();
  });

  async function cosigned(witnessCount: number, signing: number[]) {
    const log = await noteSignerFromSeed(origin, seed(1));
    const witnesses = await Promise.all(
      Array.from({ length: witnessCount }, (_, i) => cosignerFromSeed(`witness${i}.example`, seed(20 + i), NOW - i)),
    );
    const note = await signNote(text, [log, ...signing.map((i) => witnesses[i]!)]);
    return { note, logKey: log.verifierKey, witnessKeys: witnesses.map((w) => w.verifierKey) };
  }

  it("meets a k-of-n threshold and reports each cosignature's time", async () => {
    const { note, logKey, witnessKeys } = await cosigned(3, [0, 2]);
    const result = await verifyCheckpoint(note, { logKey, witnesses: witnessKeys, witnessThreshold: 2 });
    expect(result.cosignatures.map((c) => [c.key.name, c.timestamp])).toEqual([
      ["witness0.example", NOW],
      ["witness2.example", NOW - 2],
    ]);
    expect(await codeOf(() => verifyCheckpoint(note, { logKey, witnesses: witnessKeys, witnessThreshold: 3 }))).toBe(
      "WITNESS_THRESHOLD_NOT_MET",
    );
  });

  it("counts a witness once however many lines it signed", async () => {
    const { note, logKey, witnessKeys } = await cosigned(2, [0]);
    const line = note.split("\n").find((l) => l.startsWith("— witness0"))!;
    const doubled = `${note}${line}\n`;
    expect(await codeOf(() => verifyCheckpoint(doubled, { logKey, witnesses: witnessKeys, witnessThreshold: 2 }))).toBe(
      "WITNESS_THRESHOLD_NOT_MET",
    );
  });

  it("rejects the note when a known witness's cosignature is bad, ignores unknown witnesses", async () => {
    const { note, logKey, witnessKeys } = await cosigned(2, [0, 1]);
    const lines = note.split("\n");
    const at = lines.findIndex((l) => l.startsWith("— witness1"));
    const raw = fromBase64(lines[at]!.split(" ")[2]!)!;
    raw[11] = raw[11]! ^ 1; // the timestamp's last byte
    lines[at] = `— witness1.example ${toBase64(raw)}`;
    const bad = lines.join("\n");
    expect(await codeOf(() => verifyCheckpoint(bad, { logKey, witnesses: witnessKeys, witnessThreshold: 1 }))).toBe(
      "NOTE_SIGNATURE_INVALID",
    );
    const onlyFirst = await verifyCheckpoint(note, { logKey, witnesses: [witnessKeys[0]!], witnessThreshold: 1 });
    expect(onlyFirst.note.unknown.map((s) => s.name)).toEqual(["witness1.example"]);
  });

  it("accepts a witness given as a plain Ed25519 vkey, as transparency-dev/formats does", async () => {
    const { note, logKey, witnessKeys } = await cosigned(1, [0]);
    const plain = formatVerifierKey({ ...witnessKeys[0]!, type: KEY_TYPE_ED25519 });
    const witness = parseWitnessKey(plain);
    expect(witness.keyId).toBe(witnessKeys[0]!.keyId);
    await expect(verifyCheckpoint(note, { logKey, witnesses: [witness], witnessThreshold: 1 })).resolves.toBeDefined();
  });

  it("does not let a witness stand in for the log", async () => {
    const { witnessKeys } = await cosigned(1, []);
    const log = await noteSignerFromSeed(origin, seed(1));
    const witness = await cosignerFromSeed("witness0.example", seed(20), NOW);
    const note = await signNote(text, [witness]);
    expect(await codeOf(() => verifyCheckpoint(note, { logKey: log.verifierKey, witnesses: witnessKeys }))).toBe(
      "NOTE_NO_KNOWN_SIGNATURE",
    );
  });

  it("treats an impossible threshold as a programmer error", async () => {
    const { note, logKey, witnessKeys } = await cosigned(1, [0]);
    await expect(verifyCheckpoint(note, { logKey, witnesses: witnessKeys, witnessThreshold: 2 })).rejects.toThrow(TypeError);
  });
});
