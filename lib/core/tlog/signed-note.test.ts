import { describe, expect, it } from "vitest";
import { toBase64, utf8 } from "./encoding";
import { TlogError } from "./errors";
import { createNoteSigner, formatSignerKey, noteSignerFromSeed, signNote } from "./note-sign";
import { formatVerifierKey, noteKeyId, parseSignerKey, parseVerifierKey } from "./note-keys";
import { verifyNote } from "./note-verify";
import { formatNote, parseNote } from "./signed-note";

// Vectors from golang.org/x/mod/sumdb/note (note_test.go), the reference implementation
// of C2SP signed-note.
const peterKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const peterSkey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const enochKey = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
const text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const peterB64 = "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=";
const enochB64 = "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=";
const peterSig = `— PeterNeumann ${peterB64}\n`;
const enochSig = `— EnochRoot ${enochB64}\n`;

async function codeOf(run: () => unknown): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    if (error instanceof TlogError) return error.code;
    throw error;
  }
}

describe("verifier keys", () => {
  it("parses Go's vkey and recomputes its key ID", () => {
    const key = parseVerifierKey(peterKey);
    expect(key.name).toBe("PeterNeumann");
    expect(key.keyId).toBe(0xc74f20a3);
    expect(noteKeyId(key.name, key.type, key.publicKey)).toBe(0xc74f20a3);
    expect(formatVerifierKey(key)).toBe(peterKey);
  });

  it("rejects every proper substring and every one-byte mangling (as Go's TestNewVerifier)", () => {
    for (let i = 0; i <= peterKey.length; i++) {
      for (let j = i + 1; j <= peterKey.length; j++) {
        if (i === 0 && j === peterKey.length) continue;
        expect(() => parseVerifierKey(peterKey.slice(i, j)), peterKey.slice(i, j)).toThrow(TlogError);
      }
    }
    for (let i = 0; i < peterKey.length; i++) {
      const mangled = peterKey.slice(0, i) + String.fromCharCode(peterKey.charCodeAt(i) + 1) + peterKey.slice(i + 1);
      expect(() => parseVerifierKey(mangled), mangled).toThrow(TlogError);
    }
    // Wrong key length and unknown algorithm, each with a matching key ID.
    expect(() => parseVerifierKey("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==")).toThrow(/base64/);
    expect(() => parseVerifierKey("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")).toThrow(/unsupported key type/);
  });
});

describe("signer keys", () => {
  it("signs Go's vector byte for byte (Ed25519 is deterministic)", async () => {
    const signer = await createNoteSigner(peterSkey);
    expect(formatVerifierKey(signer.verifierKey)).toBe(peterKey);
    expect(await signNote(text, [signer])).toBe(`${text}\n${peterSig}`);
  });

  it("round-trips a seed through signer and verifier key strings", async () => {
    const { seed } = parseSignerKey(peterSkey);
    expect(await formatSignerKey("PeterNeumann", seed)).toEqual({ signerKey: peterSkey, verifierKey: peterKey });
  });

  it("replaces an older signature by the same key instead of adding a second", async () => {
    const signer = await createNoteSigner(peterSkey);
    const old = { name: "PeterNeumann", keyId: 0xc74f20a3, signature: new Uint8Array(64) };
    expect(await signNote(text, [signer], [old])).toBe(`${text}\n${peterSig}`);
  });

  it("rejects every proper substring and every one-byte mangling (as Go's TestNewSigner)", async () => {
    const attempts: string[] = [];
    for (let i = 0; i <= peterSkey.length; i++) {
      for (let j = i + 1; j <= peterSkey.length; j++) if (i !== 0 || j !== peterSkey.length) attempts.push(peterSkey.slice(i, j));
    }
    for (let i = 0; i < peterSkey.length; i++) {
      attempts.push(peterSkey.slice(0, i) + String.fromCharCode(peterSkey.charCodeAt(i) + 1) + peterSkey.slice(i + 1));
    }
    for (const attempt of attempts) expect(await codeOf(() => createNoteSigner(attempt)), attempt).toBe("KEY_MALFORMED");
  });
});

describe("verifyNote with Go's vectors", () => {
  const peter = parseVerifierKey(peterKey);
  const enoch = parseVerifierKey(enochKey);

  it("verifies the known signature and ignores the unknown one", async () => {
    const result = await verifyNote(`${text}\n${peterSig}${enochSig}`, [peter]);
    expect(result.text).toBe(text);
    expect(result.verified.map((v) => v.key.name)).toEqual(["PeterNeumann"]);
    expect(result.unknown.map((s) => [s.name, s.keyId])).toEqual([["EnochRoot", 0xaf0cfe78]]);
  });

  it("verifies both when both keys are known", async () => {
    const result = await verifyNote(`${text}\n${peterSig}${enochSig}`, [peter, enoch]);
    expect(result.verified.map((v) => v.key.name)).toEqual(["PeterNeumann", "EnochRoot"]);
    expect(result.unknown).toEqual([]);
  });

  it("rejects a note with no known signature", async () => {
    expect(await codeOf(() => verifyNote(`${text}\n${peterSig}${enochSig}`, []))).toBe("NOTE_NO_KNOWN_SIGNATURE");
  });

  it("rejects the whole note when a known key's signature fails", async () => {
    const bad = `— PeterNeumann ${peterB64.slice(0, 43)}ABCD${peterB64.slice(43)}\n`;
    expect(await codeOf(() => verifyNote(`${text}\n${bad}`, [peter]))).toBe("NOTE_SIGNATURE_INVALID");
    expect(await codeOf(() => verifyNote(`${text}\n${peterSig}${bad}`, [peter]))).toBe("NOTE_SIGNATURE_INVALID");
  });

  it("ignores a signature that shares only the name or only the key ID with a known key", async () => {
    const otherName = `— CarmenSandiego ${peterB64}\n`;
    const otherId = `— PeterNeumann ${toBase64(Uint8Array.of(0, 0, 0, 1, ...new Uint8Array(64)))}\n`;
    const result = await verifyNote(`${text}\n${otherName}${otherId}${peterSig}`, [peter]);
    expect(result.unknown).toHaveLength(2);
    expect(result.verified).toHaveLength(1);
  });

  it("drops repeated lines: duplicated known and unknown signatures count once", async () => {
    const enochABCD = `— EnochRoot ${enochB64.slice(0, 44)}ABCD${enochB64.slice(44)}\n`;
    const result = await verifyNote(`${text}\n${peterSig}${peterSig}${enochSig}${enochSig}${enochABCD}`, [peter]);
    expect(result.verified).toHaveLength(1);
    expect(result.unknown).toHaveLength(2);
  });

  it("refuses two different keys that share a name and key ID", async () => {
    const twin = { ...peter, publicKey: enoch.publicKey };
    expect(await codeOf(() => verifyNote(`${text}\n${peterSig}`, [peter, twin]))).toBe("KEY_AMBIGUOUS");
    await expect(verifyNote(`${text}\n${peterSig}`, [peter, { ...peter }])).resolves.toBeDefined();
  });

  it("accepts at least 16 signatures and refuses more than 100", async () => {
    const others = Array.from({ length: 20 }, (_, i) => `— witness${i}.example ${toBase64(new Uint8Array(68).fill(i))}\n`).join("");
    const result = await verifyNote(`${text}\n${others}${peterSig}`, [peter]);
    expect(result.unknown).toHaveLength(20);
    expect(await codeOf(() => verifyNote(`${text}\n${peterSig.repeat(101)}`, [peter]))).toBe("NOTE_MALFORMED");
    await expect(verifyNote(`${text}\n${peterSig.repeat(100)}`, [peter])).resolves.toBeDefined();
  });

  it("rejects Go's malformed messages", async () => {
    const bad: (string | Uint8Array)[] = [
      text,
      `${text}\n`,
      `${text}\n${peterSig.slice(0, -1)}`,
      `\x01${text}\n${peterSig}`,
      Uint8Array.of(0xff, ...utf8(`${text}\n${peterSig}`)),
      `${text}\n— Bad Name ${peterB64}`,
      `${text}\n${peterSig}Unexpected line.\n`,
    ];
    for (const message of bad) expect(await codeOf(() => verifyNote(message, [peter])), String(message)).toBe("NOTE_MALFORMED");
  });

  it("enforces the strict text rules: no \\r, UTF-8 only, canonical base64, a name", async () => {
    const bad: (string | Uint8Array)[] = [
      `${text.replace("\n", "\r\n")}\n${peterSig}`,
      `${text}\n${peterSig.replace("\n", "\r\n")}`,
      `${text}\n\uD800${peterSig}`,
      `${text}\n— PeterNeumann ${peterB64.slice(0, -1)}\n`,
      `${text}\n— PeterNeumann ${peterB64.slice(0, -2)}N=\n`, // non-zero padding bits
      `${text}\n—  ${peterB64}\n`,
      `${text}\n— PeterNeumann  ${peterB64}\n`,
      `${text}\n- PeterNeumann ${peterB64}\n`,
      `${text}\n— Peter+Neumann ${peterB64}\n`,
      `${text}\n— PeterNeumann AAAA\n`,
    ];
    for (const message of bad) expect(await codeOf(() => parseNote(message)), String(message)).toBe("NOTE_MALFORMED");
  });

  it("splits the text from the signatures at the last blank line", () => {
    const note = parseNote(`para one\n\npara two\n\n${peterSig}`);
    expect(note.text).toBe("para one\n\npara two\n");
    expect(formatNote(note)).toBe(`para one\n\npara two\n\n${peterSig}`);
  });

  it("verifies notes signed through a seed-based signer with a UTF-8 text", async () => {
    const signer = await noteSignerFromSeed("quasimodo.example/salvatore", new Uint8Array(32).fill(7));
    const poem = "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n";
    const signed = await signNote(poem, [signer]);
    const result = await verifyNote(utf8(signed), [signer.verifierKey]);
    expect(result.text).toBe(poem);
    expect(await codeOf(() => verifyNote(signed.replace("sera", "Sera"), [signer.verifierKey]))).toBe("NOTE_SIGNATURE_INVALID");
  });
});
