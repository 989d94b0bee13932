import { beforeAll, describe, expect, it } from "vitest";
import { exportTrustFile, signReceipt, trustSetFromKeys, type TrustSet } from "../receipts";
import { BUNDLE_FORMAT, formatBundleEnd, formatBundleEntry, formatBundleHeader, parseBundleLine } from "./bundle";
import { BUNDLE_NOW, BUNDLE_ORIGIN, bundleFixture, bundlePayload, bundleText, type BundleFixture } from "./bundle.test-support";
import { BundleVerifier, verifyBundle, type BundleReport } from "./bundle-verify";
import { signCheckpoint } from "./checkpoint-verify";
import { toBase64, utf8 } from "./encoding";
import { MemoryTree } from "./memory-tree";
import { formatVerifierKey } from "./note-keys";
import { noteSignerFromSeed } from "./note-sign";
import { formatTlogProof } from "./tlog-proof";

const ORIGIN = BUNDLE_ORIGIN;
const NOW = BUNDLE_NOW;
const payload = bundlePayload;
let fx: BundleFixture;
const bundle = (edit?: Parameters<typeof bundleText>[1]) => bundleText(fx, edit);

beforeAll(async () => {
  fx = await bundleFixture();
});

const codes = (report: BundleReport) => report.failures.map((f) => [f.line, f.code]);

/** The receipt with one character of its signature changed, away from its last (padding-bit) one. */
function withBadSignature(jws: string): string {
  const at = jws.length - 10;
  return `${jws.slice(0, at)}${jws[at] === "A" ? "B" : "A"}${jws.slice(at + 1)}`;
}

describe("evidence bundles", () => {
  it("verify offline: the checkpoint signature, every inclusion proof and every receipt signature", async () => {
    const report = await verifyBundle(await bundle(), NOW);
    expect(report).toMatchObject({ valid: true, origin: ORIGIN, receipts: 9, verified: 9, trustedKeys: 1, failureCount: 0 });
    expect(report.checkpoint).toEqual({ size: 10, root: toBase64(fx.tree.root()) });
  });

  it("give the same report when fed line by line, as files of any size are", async () => {
    const text = await bundle();
    const verifier = new BundleVerifier(NOW);
    for (const line of text.split("\n").slice(0, -1)) await verifier.push(line);
    expect(await verifier.finish()).toEqual(await verifyBundle(text, NOW));
  });

  it("report a receipt whose bytes were altered: its proof and its signature both fail", async () => {
    const text = await bundle((entries) => {
      entries[3]!.receipt = toBase64(utf8(withBadSignature(fx.receipts[3]!)));
    });
    const report = await verifyBundle(text, NOW);
    expect(report.valid).toBe(false);
    expect(report.verified).toBe(8);
    expect(codes(report)).toEqual([[5, "INCLUSION_PROOF_INVALID"], [5, "RECEIPT_INVALID"]]);
    expect(report.failures[1]).toMatchObject({ index: 4, id: "row-3", verdict: "bad_signature" });
  });

  it("report a receipt signed by a key the trust file does not hold, though it is logged", async () => {
    const foreign = await signReceipt({ ...payload("x"), iss: "gate-unknown" }, fx.stranger.privateJwk, { alg: "ES256", kid: "s-1" });
    const tree = new MemoryTree();
    tree.append(utf8(foreign));
    const checkpoint = await signCheckpoint({ origin: ORIGIN, size: 1, rootHash: tree.root(), extensions: [] }, fx.log);
    const trust = exportTrustFile(await trustSetFromKeys("gate-eu-1", [{ jwk: fx.gate.publicJwk }]));
    const text =
      formatBundleHeader({ createdAt: NOW.toISOString(), origin: ORIGIN, vkey: formatVerifierKey(fx.log.verifierKey), checkpoint, trust, selection: {} }) +
      formatBundleEntry({ index: 0, id: "row-x", receipt: toBase64(utf8(foreign)), proof: formatTlogProof({ index: 0, hashes: [], checkpoint }) }) +
      formatBundleEnd(1);
    const report = await verifyBundle(text, NOW);
    expect(report.failures).toEqual([expect.objectContaining({ line: 2, code: "RECEIPT_INVALID", verdict: "unknown_issuer" })]);
  });

  it("report proofs against another checkpoint, for another index, and entries given twice", async () => {
    const other = await signCheckpoint({ origin: ORIGIN, size: 9, rootHash: fx.tree.root(9), extensions: [] }, fx.log);
    const text = await bundle((entries) => {
      entries[0]!.proof = formatTlogProof({ index: 1, hashes: fx.tree.inclusionProof(1, 9), checkpoint: other });
      entries[1]!.proof = entries[2]!.proof;
      entries[4] = { ...entries[5]! };
    });
    expect(codes(await verifyBundle(text, NOW))).toEqual([[2, "CHECKPOINT_MISMATCH"], [3, "INDEX_MISMATCH"], [7, "DUPLICATE_ENTRY"]]);
  });

  it("report a cut-off file, a wrong count, lines after the end, and unreadable lines", async () => {
    const text = await bundle();
    const lines = text.split("\n").slice(0, -1);
    expect(codes(await verifyBundle(lines.slice(0, -2).join("\n"), NOW))).toEqual([[9, "BUNDLE_TRUNCATED"]]);
    expect(codes(await verifyBundle(`${lines.slice(0, -1).join("\n")}\n${formatBundleEnd(3)}`, NOW)).at(-1)).toEqual([11, "COUNT_MISMATCH"]);
    expect(codes(await verifyBundle(`${text}{"index":1}\n`, NOW))).toEqual([[12, "BUNDLE_MALFORMED"]]);
    expect(codes(await verifyBundle([lines[0], "not json", ...lines.slice(1)].join("\n"), NOW))).toContainEqual([2, "ENTRY_MALFORMED"]);
    expect(codes(await verifyBundle("", NOW))).toEqual([[1, "BUNDLE_MALFORMED"]]);
  });

  it("refuse a header of another format, a checkpoint the bundled key did not sign, and a key other than the pinned one", async () => {
    const text = await bundle();
    const [header, ...rest] = text.split("\n");
    const alter = (change: Record<string, unknown>) => [JSON.stringify({ ...JSON.parse(header!), ...change }), ...rest].join("\n");
    expect(codes(await verifyBundle(alter({ format: "something-else/v9" }), NOW))[0]).toEqual([1, "BUNDLE_UNSUPPORTED"]);
    const impostor = await noteSignerFromSeed(ORIGIN, new Uint8Array(32).fill(9));
    const report = await verifyBundle(alter({ vkey: formatVerifierKey(impostor.verifierKey) }), NOW);
    expect(report).toMatchObject({ valid: false, verified: 0, receipts: 9, failureCount: 1 });
    expect(codes(report)).toEqual([[1, "NOTE_NO_KNOWN_SIGNATURE"]]);
    const pinned = await verifyBundle(text, NOW, { vkey: formatVerifierKey(impostor.verifierKey) });
    expect(codes(pinned)).toEqual([[1, "LOG_KEY_MISMATCH"]]);
    expect((await verifyBundle(text, NOW, { vkey: formatVerifierKey(fx.log.verifierKey) })).valid).toBe(true);
    expect(codes(await verifyBundle(alter({ trust: { keys: [{ kty: "oct", k: "c2VjcmV0", kid: "x" }] } }), NOW))).toEqual([[1, "TRUST_FILE_INVALID"]]);
  });

  it("parses its three kinds of lines strictly", () => {
    expect(parseBundleLine('{"end":true,"receipts":3}', false)).toEqual({ kind: "end", end: { end: true, receipts: 3 } });
    expect(() => parseBundleLine('{"index":-1,"id":"a","receipt":"","proof":""}', false)).toThrow(/index/);
    expect(() => parseBundleLine("[]", false)).toThrow(/object/);
    expect(() => parseBundleLine(`{"format":"${BUNDLE_FORMAT}","createdAt":"x","origin":"o","vkey":"k","checkpoint":"c","trust":{}}`, true)).toThrow(/trust/);
  });
});

describe("evidence bundles of more receipts than are verified at once", () => {
  let many: BundleFixture;
  beforeAll(async () => {
    many = await bundleFixture(200);
  });

  // Receipts 0-based; a bad signature waits on WebCrypto, bytes that are no JWS fail without it.
  const BAD_SIGNATURES = [0, 3, 62, 63, 64, 65, 127, 199];
  const NOT_A_JWS = 150;
  const PROOF_OF_NEXT = 100;
  const UNREADABLE_AFTER = 120;
  const lineOf = (receipt: number) => receipt + 2 + (receipt > UNREADABLE_AFTER ? 1 : 0);

  async function defectiveBundle(): Promise<string> {
    const text = await bundleText(many, (entries) => {
      for (const i of BAD_SIGNATURES) entries[i]!.receipt = toBase64(utf8(withBadSignature(many.receipts[i]!)));
      entries[NOT_A_JWS]!.receipt = toBase64(utf8("not a receipt"));
      entries[PROOF_OF_NEXT]!.proof = entries[PROOF_OF_NEXT + 1]!.proof;
    });
    const lines = text.split("\n").slice(0, -2);
    lines.splice(lineOf(UNREADABLE_AFTER), 0, "not json");
    return `${lines.join("\n")}\n${formatBundleEnd(201)}{"index":1}\n`;
  }

  it("list every failure in file order, as verifying one line at a time does", async () => {
    const text = await defectiveBundle();
    const expected = [
      ...[...BAD_SIGNATURES, NOT_A_JWS].flatMap((i) => [[lineOf(i), "INCLUSION_PROOF_INVALID"], [lineOf(i), "RECEIPT_INVALID"]]),
      [lineOf(PROOF_OF_NEXT), "INDEX_MISMATCH"],
      [lineOf(UNREADABLE_AFTER) + 1, "ENTRY_MALFORMED"],
      [203, "COUNT_MISMATCH"],
      [204, "BUNDLE_MALFORMED"],
    ].sort((a, b) => Number(a[0]) - Number(b[0]));
    const report = await verifyBundle(text, NOW);
    expect(codes(report)).toEqual(expected);
    expect(report).toMatchObject({ valid: false, receipts: 200, verified: 200 - BAD_SIGNATURES.length - 2, failureCount: expected.length });
    expect(report.failures.find((f) => f.line === lineOf(NOT_A_JWS) && f.code === "RECEIPT_INVALID")).toMatchObject({ index: NOT_A_JWS + 1, verdict: "malformed" });
    expect(await verifyBundle(text, NOW, { window: 1 })).toEqual(report);
    expect(await verifyBundle(text, NOW, { window: 7 })).toEqual(report);
  });

  it("keep the first failures in file order when later receipts fail sooner", async () => {
    const text = await bundleText(many, (entries) => {
      for (let i = 0; i < 10; i++) entries[i]!.receipt = toBase64(utf8(withBadSignature(many.receipts[i]!)));
      for (let i = 10; i < 40; i++) entries[i]!.receipt = toBase64(utf8(`not a receipt ${i}`));
    });
    const report = await verifyBundle(text, NOW, { maxFailures: 20 });
    expect(report.failureCount).toBe(80);
    expect(report.failures.map((f) => [f.line, f.code, f.verdict])).toEqual(
      Array.from({ length: 10 }, (_, i) => [[i + 2, "INCLUSION_PROOF_INVALID", undefined], [i + 2, "RECEIPT_INVALID", "bad_signature"]]).flat(),
    );
  });

  it("wait in finish() for every receipt still being verified", async () => {
    const verifier = new BundleVerifier(NOW, { window: 1000 });
    for (const line of (await bundleText(many)).split("\n").slice(0, -1)) await verifier.push(line);
    expect(await verifier.finish()).toMatchObject({ valid: true, receipts: 200, verified: 200, failureCount: 0 });
  });

  it("throw a programming error from verifying a receipt out of push() or finish(), and refuse a window that is not a whole number ≥ 1", async () => {
    const text = await bundle();
    class ThrowingIssuers extends Map<string, never> {
      override get(): never {
        throw new TypeError("a programming error");
      }
    }
    const trust = { issuers: new ThrowingIssuers() } as unknown as TrustSet;
    await expect(verifyBundle(text, NOW, { trust })).rejects.toThrow("a programming error");
    await expect(verifyBundle(text, NOW, { trust, window: 2 })).rejects.toThrow("a programming error");
    for (const window of [0, 1.5, Number.NaN]) expect(() => new BundleVerifier(NOW, { window })).toThrow(TypeError);
  });
});
