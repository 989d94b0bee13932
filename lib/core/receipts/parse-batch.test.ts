import { describe, expect, it } from "vitest";
import { MAX_BATCH_BYTES, MAX_BATCH_ITEMS } from "./limits";
import { arrayElementSpans, BatchError, parseBatch } from "./parse-batch";

const A = "aaa.bbb.ccc";
const B = "ddd.eee.fff";
const FLAT = `{ "protected": "aaa",\n  "payload": "bbb", "signature": "ccc" }`;

const texts = (body: string | Uint8Array, type?: string) => parseBatch(body, type).map((item) => item.text);

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof BatchError) return error.code;
    throw error;
  }
  throw new Error("expected a BatchError");
}

describe("parseBatch", () => {
  it("application/jose: one compact receipt, its trailing newline dropped", () => {
    expect(parseBatch(`${A}\n`, "application/jose")).toEqual([{ index: 0, line: 1, text: A, bytes: new TextEncoder().encode(A) }]);
  });

  it("application/jose or text/plain with several lines: one receipt per line, CRLF and blank lines handled", () => {
    expect(texts(`${A}\r\n\r\n${B}\n`, "application/jose")).toEqual([A, B]);
    expect(parseBatch(`${A}\n\n${B}`, "text/plain; charset=utf-8").map((i) => i.line)).toEqual([1, 3]);
  });

  it("keeps a line's other whitespace, so the verifier can reject it as received", () => {
    expect(texts(` ${A}\n`, "application/jose")).toEqual([` ${A}`]);
  });

  it("application/jose+json: one flattened object, exactly as sent between its braces", () => {
    expect(texts(`\n${FLAT}\n`, "application/jose+json")).toEqual([FLAT]);
    expect(codeOf(() => parseBatch(`[${FLAT}]`, "application/jose+json"))).toBe("malformed_batch");
  });

  it("application/json: an array of compact strings and flattened objects, objects kept byte for byte", () => {
    const body = `[ "${A}" ,\n ${FLAT},"${B}", 42, null, [1, {"x": "]"}] ]`;
    expect(texts(body, "application/json")).toEqual([A, FLAT, B, "42", "null", `[1, {"x": "]"}]`]);
    expect(codeOf(() => parseBatch(FLAT, "application/json"))).toBe("malformed_batch");
    expect(codeOf(() => parseBatch(`[${FLAT}`, "application/json"))).toBe("malformed_batch");
  });

  it("a compact string in a JSON array is its decoded value", () => {
    expect(texts(`["aaa\\u002ebbb.ccc"]`, "application/json")).toEqual([A]);
  });

  it("sniffs the layout when no media type is given (CLI files)", () => {
    expect(texts(`[${JSON.stringify(A)}]`)).toEqual([A]);
    expect(texts(`  ${FLAT}`)).toEqual([FLAT]);
    expect(texts(`${A}\n${B}\n`)).toEqual([A, B]);
  });

  it("keeps the exact UTF-8 bytes of each item", () => {
    const flat = `{"protected":"é","payload":"x","signature":"y"}`;
    const [item] = parseBatch(new TextEncoder().encode(`[${flat}]`), "application/json");
    expect(item!.bytes).toEqual(new TextEncoder().encode(flat));
  });

  it("enforces its limits and media types", () => {
    expect(codeOf(() => parseBatch(A, "application/xml"))).toBe("unsupported_media_type");
    expect(codeOf(() => parseBatch(`${A}\n`.repeat(MAX_BATCH_ITEMS + 1), "application/jose"))).toBe("too_many_items");
    expect(codeOf(() => parseBatch(JSON.stringify(Array(MAX_BATCH_ITEMS + 1).fill(A)), "application/json"))).toBe("too_many_items");
    expect(codeOf(() => parseBatch("a".repeat(MAX_BATCH_BYTES + 1), "application/jose"))).toBe("too_large");
    expect(codeOf(() => parseBatch("\n \n", "application/jose"))).toBe("malformed_batch");
    expect(codeOf(() => parseBatch("[]", "application/json"))).toBe("malformed_batch");
    expect(codeOf(() => parseBatch(Uint8Array.from([0x5b, 0xff, 0x5d]), "application/json"))).toBe("malformed_batch");
  });
});

describe("arrayElementSpans", () => {
  it("delimits scalars, strings with escapes and nested containers", () => {
    const text = `[1,-2.5e3 ,"a\\"]",{"b":[1,2]},[[]],true]`;
    expect(arrayElementSpans(text).map(([s, e]) => text.slice(s, e))).toEqual(["1", "-2.5e3", `"a\\"]"`, `{"b":[1,2]}`, "[[]]", "true"]);
  });
});
