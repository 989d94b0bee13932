import { describe, expect, it } from "vitest";
import { decodeBase64urlStrict, encodeBase64url } from "./base64url";

describe("decodeBase64urlStrict", () => {
  it("decodes canonical base64url of every length", () => {
    for (let length = 0; length < 40; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 89 + length * 7) & 0xff);
      const text = Buffer.from(bytes).toString("base64url");
      expect(encodeBase64url(bytes)).toBe(text);
      expect(decodeBase64urlStrict(text)).toEqual(bytes);
    }
  });

  it("refuses padding, whitespace and the standard alphabet", () => {
    expect(decodeBase64urlStrict("eyJhIjoxfQ==")).toBe("alphabet");
    expect(decodeBase64urlStrict("eyJh IjoxfQ")).toBe("alphabet");
    expect(decodeBase64urlStrict("eyJhIjoxfQ\n")).toBe("alphabet");
    expect(decodeBase64urlStrict("ab+/")).toBe("alphabet");
    expect(decodeBase64urlStrict("abé")).toBe("alphabet");
  });

  it("refuses lengths no encoding can have", () => {
    expect(decodeBase64urlStrict("A")).toBe("length");
    expect(decodeBase64urlStrict("AAAAA")).toBe("length");
  });

  it("refuses non-zero unused trailing bits, so every byte string has one encoding", () => {
    // "QQ" is "A"; "QR".."QZ" decode to the same byte with non-zero low bits.
    expect(decodeBase64urlStrict("QQ")).toEqual(new Uint8Array([0x41]));
    expect(decodeBase64urlStrict("QR")).toBe("trailing_bits");
    expect(decodeBase64urlStrict("QUI")).toEqual(new Uint8Array([0x41, 0x42]));
    expect(decodeBase64urlStrict("QUJ")).toBe("trailing_bits");
    expect(Buffer.from("QR", "base64url")).toEqual(Buffer.from("QQ", "base64url")); // lenient decoders agree they are equal
  });

  it("accepts the empty string as zero bytes", () => {
    expect(decodeBase64urlStrict("")).toEqual(new Uint8Array());
  });
});
