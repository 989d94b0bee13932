import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BINPB_PATH, committedVersion, decodePythonBytesLiteral, MODULE_PATH, renderDescriptorModule } from "./generate";

describe("the committed OTLP descriptor", () => {
  it("is exactly what generate.ts derives from the vendored otlp-logs.binpb", () => {
    expect(readFileSync(MODULE_PATH, "utf8")).toBe(renderDescriptorModule(readFileSync(BINPB_PATH), committedVersion()));
  });

  it("is opentelemetry-proto v1.10.0, whose LogRecord has event_name = 12", () => {
    expect(committedVersion()).toBe("v1.10.0");
    expect(readFileSync(MODULE_PATH, "utf8")).toMatch(/"event_name": \{\s+"type": "string",\s+"id": 12/);
  });
});

describe("decodePythonBytesLiteral", () => {
  it("reads the escapes protoc writes into _pb2.py files", () => {
    const source = String.raw`DESCRIPTOR = pool.AddSerializedFile(b'\n&ab\x32\"\'\\\t\r\001')`;
    expect([...decodePythonBytesLiteral(source)]).toEqual([10, 38, 97, 98, 0x32, 34, 39, 92, 9, 13, 1]);
  });

  it("refuses a file without a serialized descriptor", () => {
    expect(() => decodePythonBytesLiteral("x = 1")).toThrow(/AddSerializedFile/);
  });
});
