import { describe, expect, it } from "vitest";
import { decodeReceipt } from "./decode-jws";
import { MAX_RECEIPT_BYTES } from "./limits";

const b64 = (text: string) => Buffer.from(text).toString("base64url");
const H = b64(`{"alg":"EdDSA","kid":"k1"}`);
const P = b64(`{"iss":"gate","id":"r1"}`);
const S = b64("signature-bytes!");

function rejection(raw: string | Uint8Array) {
  const result = decodeReceipt(raw);
  if (result.ok) throw new Error("expected a rejection");
  return result.rejection;
}

describe("decodeReceipt, step 1: size before decoding", () => {
  it("accepts exactly 1 MiB and refuses one byte more, as string or bytes", () => {
    const exactly = "A".repeat(MAX_RECEIPT_BYTES);
    expect(rejection(exactly)).toMatchObject({ verdict: "malformed", step: 2 });
    expect(rejection(exactly + "A")).toMatchObject({ verdict: "oversized", step: 1 });
    expect(rejection(new Uint8Array(MAX_RECEIPT_BYTES + 1).fill(0xff))).toMatchObject({ verdict: "oversized", step: 1 });
  });

  it("counts UTF-8 bytes, not UTF-16 code units", () => {
    const euros = "€".repeat(Math.ceil(MAX_RECEIPT_BYTES / 3) + 1); // fewer chars than the cap, more bytes
    expect(euros.length).toBeLessThan(MAX_RECEIPT_BYTES);
    expect(rejection(euros)).toMatchObject({ verdict: "oversized" });
  });
});

describe("decodeReceipt, step 2: serialization", () => {
  it("decodes a compact receipt and keeps its segments as received", () => {
    const result = decodeReceipt(`${H}.${P}.${S}`);
    expect(result).toMatchObject({ ok: true, jws: { format: "compact", protectedB64: H, payloadB64: P, signatureB64: S, header: { alg: "EdDSA", kid: "k1" }, payload: { iss: "gate" } } });
  });

  it("decodes a flattened receipt, surrounding whitespace allowed", () => {
    const text = `\n {"payload":"${P}","protected":"${H}","signature":"${S}"}\n`;
    expect(decodeReceipt(text)).toMatchObject({ ok: true, jws: { format: "json", text, protectedB64: H } });
    expect(decodeReceipt(new TextEncoder().encode(text))).toMatchObject({ ok: true });
  });

  it.each([
    ["two segments", `${H}.${P}`],
    ["a trailing dot", `${H}.${P}.${S}.`],
    ["padding", `${H}.${P}.${S}=`],
    ["leading whitespace on compact", ` ${H}.${P}.${S}`],
    ["a tab inside", `${H}.${P}\t.${S}`],
    ["non-canonical trailing bits", `${H}.${P}.${S.slice(0, -1)}R`],
    ["an unprotected header", JSON.stringify({ protected: H, header: { kid: "k1" }, payload: P, signature: S })],
    ["a non-string protected", JSON.stringify({ protected: {}, payload: P, signature: S })],
    ["a missing payload", JSON.stringify({ protected: H, signature: S })],
    ["the general serialization", JSON.stringify({ payload: P, signatures: [{ protected: H, signature: S }] })],
    ["an unknown member", JSON.stringify({ protected: H, payload: P, signature: S, x: 1 })],
  ])("refuses %s at step 2", (_name, raw) => {
    expect(rejection(raw)).toMatchObject({ verdict: "malformed", step: 2 });
  });

  it("refuses bytes that are not UTF-8", () => {
    expect(rejection(Uint8Array.from([0x65, 0xff, 0x2e]))).toMatchObject({ verdict: "malformed", step: 2, message: "receipt is not valid UTF-8" });
  });
});

describe("decodeReceipt, step 3: JSON objects without duplicates", () => {
  it.each([
    ["a header that is not JSON", `${b64("{alg:EdDSA}")}.${P}.${S}`, "protected header: not valid JSON"],
    ["a payload that is an array", `${H}.${b64("[]")}.${S}`, "payload: not a JSON object"],
    ["duplicate payload members", `${H}.${b64(`{"d":"DENY","d":"PERMIT"}`)}.${S}`, `payload: duplicate member name "d"`],
    ["duplicate header members", `${b64(`{"alg":"EdDSA","alg":"ES256"}`)}.${P}.${S}`, `protected header: duplicate member name "alg"`],
    ["a payload with a byte order mark", `${H}.${b64("\uFEFF{}")}.${S}`, "payload: not valid JSON"],
    ["a payload that is not UTF-8", `${H}.${Buffer.from([0x7b, 0xc3, 0x7d]).toString("base64url")}.${S}`, "payload is not valid UTF-8"],
  ])("refuses %s", (_name, raw, message) => {
    expect(rejection(raw)).toMatchObject({ verdict: "malformed", step: 3, message });
  });

  it("decodes non-ASCII UTF-8 in the payload exactly", () => {
    const payload = { reason: "règle: café ☕ 𝄞", iss: "gate" };
    const result = decodeReceipt(`${H}.${b64(JSON.stringify(payload))}.${S}`);
    expect(result).toMatchObject({ ok: true, jws: { payload } });
  });

  it("returns the decoded header with a payload rejection, to show what was attempted", () => {
    expect(rejection(`${H}.${b64("x")}.${S}`)).toMatchObject({ header: { alg: "EdDSA", kid: "k1" }, format: "compact" });
  });
});
