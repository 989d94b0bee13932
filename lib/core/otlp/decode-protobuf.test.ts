import { describe, expect, it } from "vitest";
import { decodeExportLogsRequest } from "./decode";
import { MAX_ATTRIBUTE_VALUE_LENGTH } from "./limits";
import { ExportLogsServiceRequest } from "./schema";
import { jsonPayload, protobufPayload, sdkLogRecords } from "./testing/sdk-records";

/** A length-delimited protobuf field (wire type 2) holding `bytes`. */
function field(number: number, bytes: Uint8Array): Uint8Array {
  const length: number[] = [];
  for (let n = bytes.length; ; n >>>= 7) {
    if (n < 0x80) {
      length.push(n);
      break;
    }
    length.push((n & 0x7f) | 0x80);
  }
  return Uint8Array.of((number << 3) | 2, ...length, ...bytes);
}

/** Encodes a request written in protobufjs object form (proto field names) with the official schema. */
function encode(object: Record<string, unknown>): Uint8Array {
  return ExportLogsServiceRequest.encode(ExportLogsServiceRequest.fromObject(object)).finish();
}

const withRecords = (...log_records: Record<string, unknown>[]) => ({
  resource_logs: [{ resource: { attributes: [{ key: "service.name", value: { string_value: "gate" } }] }, scope_logs: [{ scope: { name: "s", version: "1" }, log_records }] }],
});

const decodeProtobuf = (body: Uint8Array) => decodeExportLogsRequest(body, "application/x-protobuf");

describe("protobuf decoding", () => {
  it("replaces U+0000, which no Postgres text or jsonb value can hold, wherever a string is kept", () => {
    const body = encode({
      resource_logs: [{
        resource: { attributes: [{ key: "r\u0000", value: { string_value: "\u0000" } }] },
        scope_logs: [{
          scope: { name: "s\u0000", version: "1\u0000" },
          log_records: [{
            event_name: "e\u0000",
            severity_text: "t\u0000",
            body: { kvlist_value: { values: [{ key: "n\u0000", value: { string_value: "b\u0000" } }] } },
            attributes: [{ key: "k\u0000", value: { string_value: "v\u0000" } }],
          }],
        }],
      }],
    });
    const [resourceLogs] = decodeProtobuf(body).resourceLogs;
    const record = resourceLogs?.scopeLogs[0]?.logRecords[0];
    expect(resourceLogs?.resource.values).toEqual({ "r\ufffd": "\ufffd" });
    expect(resourceLogs?.scopeLogs[0]?.scope).toMatchObject({ name: "s\ufffd", version: "1\ufffd" });
    expect([record?.eventName, record?.severityText]).toEqual(["e\ufffd", "t\ufffd"]);
    expect(record?.body).toEqual({ "n\ufffd": "b\ufffd" });
    expect(record?.attributes.values).toEqual({ "k\ufffd": "v\ufffd" });
  });

  it("reads fixed64 timestamps at or above 2^63 exactly", () => {
    const body = encode(withRecords({ time_unix_nano: "18446744073709551615", observed_time_unix_nano: "1795183237123456789" }));
    const record = decodeProtobuf(body).resourceLogs[0]?.scopeLogs[0]?.logRecords[0];
    expect(record?.timeUnixNano).toBe(18446744073709551615n);
    expect(record?.observedTimeUnixNano).toBe(1795183237123456789n);
  });

  it("reads ids as hex, values of every kind, and the event_name field", () => {
    const body = encode(
      withRecords({
        event_name: "gate.decision",
        trace_id: Uint8Array.from({ length: 16 }, (_, i) => i),
        span_id: Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 3),
        body: { kvlist_value: { values: [{ key: "a", value: { array_value: { values: [{ int_value: "-5" }, { double_value: 1.5 }, {}] } } }] } },
        attributes: [
          { key: "big", value: { int_value: "9007199254740993" } },
          { key: "bytes", value: { bytes_value: Uint8Array.of(0xde, 0xad, 0xbe, 0xef) } },
          { key: "inf", value: { double_value: Number.POSITIVE_INFINITY } },
          { key: "empty", value: {} },
          { key: "none" },
        ],
      }),
    );
    const request = decodeProtobuf(body);
    const record = request.resourceLogs[0]?.scopeLogs[0]?.logRecords[0];
    expect(request.resourceLogs[0]?.resource.values).toEqual({ "service.name": "gate" });
    expect(record?.eventName).toBe("gate.decision");
    expect(record?.traceId).toBe("000102030405060708090a0b0c0d0e0f");
    expect(record?.spanId).toBe("deadbeef00010203");
    expect(record?.body).toEqual({ a: [-5, 1.5, null] });
    expect(record?.attributes.values).toEqual({ big: "9007199254740993", bytes: "3q2+7w==", inf: "Infinity", empty: null, none: null });
  });

  it("takes the member of an AnyValue read last when the wire carries several, and keeps empty and zero values", () => {
    const text = (value: string) => field(1, new TextEncoder().encode(value)); // AnyValue.string_value
    const int5 = Uint8Array.of(0x18, 0x05); // AnyValue.int_value = 5
    const attribute = (key: string, value: Uint8Array) => field(6, Uint8Array.of(...field(1, new TextEncoder().encode(key)), ...field(2, value)));
    const attributes = [
      attribute("int-last", Uint8Array.of(...text("a"), ...int5)),
      attribute("string-last", Uint8Array.of(...int5, ...text("b"))),
      attribute("empty-string", text("")),
      attribute("false", Uint8Array.of(0x10, 0x00)),
      attribute("zero", Uint8Array.of(0x18, 0x00)),
      attribute("empty-bytes", field(7, new Uint8Array())),
    ];
    const body = field(1, field(2, field(2, Uint8Array.of(...attributes.flatMap((a) => [...a]))))); // request → resource_logs → scope_logs → log_records
    const record = decodeProtobuf(body).resourceLogs[0]?.scopeLogs[0]?.logRecords[0];
    expect(record?.attributes.values).toEqual({ "int-last": 5, "string-last": "b", "empty-string": "", false: false, zero: 0, "empty-bytes": "" });
  });

  it("reads int64 values as numbers exactly up to the safe-integer limit, as strings beyond", () => {
    const values = ["-1", "9007199254740991", "9007199254740992", "-9007199254740991", "-9007199254740992", "-9223372036854775808", "4294967296"];
    const body = encode(withRecords({ attributes: values.map((v, i) => ({ key: `k${i}`, value: { int_value: v } })) }));
    const record = decodeProtobuf(body).resourceLogs[0]?.scopeLogs[0]?.logRecords[0];
    expect(Object.values(record?.attributes.values ?? {})).toEqual([
      -1,
      9007199254740991,
      "9007199254740992",
      -9007199254740991,
      "-9007199254740992",
      "-9223372036854775808",
      4294967296,
    ]);
  });

  it("cuts huge string and bytes values and marks them", () => {
    const huge = "y".repeat(3_000_000);
    const body = encode(withRecords({ attributes: [{ key: "s", value: { string_value: huge } }, { key: "b", value: { bytes_value: new Uint8Array(1_000_000) } }] }));
    const record = decodeProtobuf(body).resourceLogs[0]?.scopeLogs[0]?.logRecords[0];
    expect(record?.attributes.values.s).toHaveLength(MAX_ATTRIBUTE_VALUE_LENGTH);
    expect((record?.attributes.values.b as string).length).toBeLessThanOrEqual(MAX_ATTRIBUTE_VALUE_LENGTH);
    expect(record?.attributes.truncated).toEqual(["s", "b"]);
  });

  it("refuses a truncated body with OTLP_MALFORMED_PROTOBUF", async () => {
    const full = protobufPayload(await sdkLogRecords({ "service.name": "gate" }, [{ body: "gate.heartbeat", timestamp: [1795183237, 0] }]));
    const cut = full.subarray(0, full.length - 7);
    expect(() => decodeProtobuf(cut)).toThrow(expect.objectContaining({ name: "OtlpDecodeError", code: "OTLP_MALFORMED_PROTOBUF" }));
  });

  it("refuses bytes that are not protobuf, and ids of the wrong length", () => {
    expect(() => decodeProtobuf(new TextEncoder().encode('{"resourceLogs":[]}'))).toThrow(expect.objectContaining({ code: "OTLP_MALFORMED_PROTOBUF" }));
    expect(() => decodeProtobuf(encode(withRecords({ span_id: Uint8Array.of(1, 2, 3) })))).toThrow(
      expect.objectContaining({ code: "OTLP_INVALID_SHAPE", message: expect.stringContaining("logRecords[0].spanId") }),
    );
  });

  it("refuses absurdly deep nesting with OTLP_MALFORMED_PROTOBUF, and cuts moderate nesting", () => {
    // Written by hand: protobufjs's own encoder refuses such depth before the decoder could.
    const nested = (depth: number) => {
      let value = field(1, new TextEncoder().encode("bottom")); // AnyValue.string_value
      for (let i = 0; i < depth; i++) value = field(5, field(1, value)); // AnyValue.array_value → ArrayValue.values
      return field(1, field(2, field(2, field(5, value)))); // request → resource_logs → scope_logs → log_records → body
    };
    expect(() => decodeProtobuf(nested(5_000))).toThrow(expect.objectContaining({ code: "OTLP_MALFORMED_PROTOBUF" }));
    const record = decodeProtobuf(nested(20)).resourceLogs[0]?.scopeLogs[0]?.logRecords[0];
    expect(record?.bodyTruncated).toBe(true);
    expect(JSON.stringify(record?.body)).not.toContain("bottom");
  });

  it("reads an empty body as a request with no records", () => {
    expect(decodeProtobuf(new Uint8Array(0))).toEqual({ resourceLogs: [], recordCount: 0 });
  });

  it("decodes 10,000 records from the real serializer, in both encodings alike", async () => {
    const inputs = Array.from({ length: 10_000 }, (_, i) => ({
      eventName: "gate.decision",
      attributes: { surface: `s${i % 7}`, decision: i % 3 === 0 ? "DENY" : "PERMIT", n: i },
      timestamp: [1795183237 + i, i] as [number, number],
    }));
    const records = await sdkLogRecords({ "service.name": "gate" }, inputs);
    const fromProtobuf = decodeProtobuf(protobufPayload(records));
    const fromJson = decodeExportLogsRequest(jsonPayload(records), "application/json");
    expect(fromProtobuf.recordCount).toBe(10_000);
    const last = fromProtobuf.resourceLogs[0]?.scopeLogs[0]?.logRecords[9_999];
    expect(last?.timeUnixNano).toBe(1795193236000009999n);
    expect(last?.attributes.values).toEqual({ surface: "s3", decision: "DENY", n: 9_999 });
    expect(fromJson).toEqual(fromProtobuf);
  });
});
