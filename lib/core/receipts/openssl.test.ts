import { createPublicKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { derToJose, hasOpenssl, opensslGenerateKey, opensslSign } from "./fixtures/openssl-sign";
import { NOW, testPayload } from "./test-keys.test-support";
import { trustSetFromKeys } from "./trust-set";
import { verifyReceipt } from "./verify-receipt";

const b64 = (value: string | Uint8Array) => Buffer.from(value).toString("base64url");

describe.skipIf(!hasOpenssl())("receipts signed by the openssl command line, with keys it generated", () => {
  it.each([
    ["EdDSA", "ed25519"],
    ["ES256", "p256"],
    ["RS256", "rsa2048"],
    ["PS256", "rsa2048"],
  ] as const)("%s verifies", async (alg, kind) => {
    const pem = opensslGenerateKey(kind);
    const jwk = { ...createPublicKey(pem).export({ format: "jwk" }), kid: "ossl" };
    const input = `${b64(JSON.stringify({ alg, kid: "ossl" }))}.${b64(JSON.stringify(testPayload()))}`;
    const receipt = `${input}.${b64(opensslSign(alg, pem, input))}`;
    const trust = await trustSetFromKeys("gate-eu-1", [{ jwk }]);
    expect(await verifyReceipt(receipt, trust, NOW)).toMatchObject({ verdict: "valid", key: { alg } });
    const tampered = `${b64(JSON.stringify({ alg, kid: "ossl" }))}.${b64(JSON.stringify(testPayload({ decision: "PERMIT" })))}`;
    expect(await verifyReceipt(`${tampered}.${receipt.split(".")[2]}`, trust, NOW)).toMatchObject({ verdict: "bad_signature" });
  });
});

describe("derToJose", () => {
  it("left-pads short integers and strips DER's sign byte", () => {
    const r = [0x00, 0x80, ...Array(31).fill(1)]; // 33 bytes: sign byte + 32
    const s = [0x05]; // 1 byte
    const der = Uint8Array.from([0x30, 4 + r.length + s.length, 0x02, r.length, ...r, 0x02, s.length, ...s]);
    const jose = derToJose(der, 32);
    expect(jose.subarray(0, 32)).toEqual(Uint8Array.from([0x80, ...Array(31).fill(1)]));
    expect(jose.subarray(32)).toEqual(Uint8Array.from([...Array(31).fill(0), 0x05]));
  });
});
