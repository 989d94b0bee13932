import { describe, expect, it } from "vitest";
import { decodeExportLogsRequest } from "./decode";
import { OtlpDecodeError } from "./errors";
import { MAX_ARRAY_VALUES, MAX_ATTRIBUTE_VALUE_LENGTH, MAX_ATTRIBUTES_PER_RECORD, MAX_RECORDS_PER_REQUEST, MAX_VALUE_DEPTH } from "./limits";
import type { OtlpLogRecord } from "./model";

const bytes = (text: string) => new TextEncoder().encode(text);
const decodeJson = (text: string) => decodeExportLogsRequest(bytes(text), "application/json; charset=utf-8");

/** The body of a request with one resource, one scope and the given log records (raw JSON text). */
const request = (...records: string[]) => `{"resourceLogs":[{"resource":{"attributes":[]},"scopeLogs":[{"scope":{"name":"s"},"logRecords":[${records.join(",")}]}]}]}`;

function onlyRecord(text: string): OtlpLogRecord {
  const record = decodeJson(text).resourceLogs[0]?.scopeLogs[0]?.logRecords[0];
  if (!record) throw new Error("no record decoded");
  return record;
}

function decodeError(text: string): OtlpDecodeError {
  try {
    decodeJson(text);
  } catch (error) {
    if (error instanceof OtlpDecodeError) return error;
    throw error;
  }
  throw new Error("expected an OtlpDecodeError");
}

describe("64-bit integers", () => {
  it("keeps a 19-digit number literal timestamp exact (JSON.parse alone would round it)", () => {
    expect(BigInt(JSON.parse("1795183237123456789"))).toBe(1795183237123456768n); // the problem being solved
    const record = onlyRecord(request(`{"timeUnixNano": 1795183237123456789, "observedTimeUnixNano":18446744073709551615}`));
    expect(record.timeUnixNano).toBe(1795183237123456789n);
    expect(record.observedTimeUnixNano).toBe(18446744073709551615n);
  });

  it("accepts string and small number forms, and snake_case names", () => {
    expect(onlyRecord(request(`{"timeUnixNano":"1795183237123456789"}`)).timeUnixNano).toBe(1795183237123456789n);
    expect(onlyRecord(request(`{"time_unix_nano":"1795183237123456789"}`)).timeUnixNano).toBe(1795183237123456789n);
    expect(onlyRecord(request(`{"timeUnixNano":1795183237}`)).timeUnixNano).toBe(1795183237n);
  });

  it("keeps large intValue attributes exact as decimal strings, small ones as numbers", () => {
    const record = onlyRecord(
      request(`{"attributes":[{"key":"big","value":{"intValue":-9223372036854775808}},{"key":"small","value":{"intValue":"42"}},{"key":"n","value":{"intValue":7}}]}`),
    );
    expect(record.attributes.values).toEqual({ big: "-9223372036854775808", small: 42, n: 7 });
  });

  it("leaves long digit runs inside strings and floats alone", () => {
    const record = onlyRecord(
      request(`{"body":{"stringValue":"id 12345678901234567890, [12345678901234567890]"},"attributes":[{"key":"d","value":{"doubleValue":12345678901234567.5}}]}`),
    );
    expect(record.body).toBe("id 12345678901234567890, [12345678901234567890]");
    expect(record.attributes.values.d).toBe(12345678901234567.5);
  });

  it.each([
    [`{"timeUnixNano":"-1"}`, "timeUnixNano"],
    [`{"timeUnixNano":"18446744073709551616"}`, "timeUnixNano"],
    [`{"timeUnixNano":1.5}`, "timeUnixNano"],
    [`{"timeUnixNano":"12abc"}`, "timeUnixNano"],
  ])("rejects %s as an invalid shape naming the field", (record, field) => {
    const error = decodeError(request(record));
    expect(error.code).toBe("OTLP_INVALID_SHAPE");
    expect(error.message).toContain(`resourceLogs[0].scopeLogs[0].logRecords[0].${field}`);
  });
});

describe("values", () => {
  it("reads {} as the empty value, kvlist as an object, array as an array, bytes as base64", () => {
    const record = onlyRecord(
      request(
        `{"body":{},"attributes":[
          {"key":"empty","value":{}},
          {"key":"missing"},
          {"key":"kv","value":{"kvlistValue":{"values":[{"key":"a","value":{"boolValue":true}},{"key":"b","value":{"arrayValue":{"values":[{"stringValue":"x"},{"doubleValue":"NaN"},{}]}}}]}}},
          {"key":"raw","value":{"bytesValue":"3q2+7w=="}}]}`,
      ),
    );
    expect(record.body).toBeNull();
    expect(record.attributes.values).toEqual({ empty: null, missing: null, kv: { a: true, b: ["x", "NaN", null] }, raw: "3q2+7w==" });
  });

  it("ignores unknown fields at every level", () => {
    const text = `{"future":1,"resourceLogs":[{"x":{},"resource":{"attributes":[],"entityRefs":[]},"scopeLogs":[{"scope":{"name":"s","y":2},"logRecords":[{"eventName":"e","zzz":[1,2],"attributes":[{"key":"k","value":{"stringValue":"v","newKind":{}}}]}]}]}]}`;
    const record = decodeJson(text).resourceLogs[0]?.scopeLogs[0]?.logRecords[0];
    expect(record?.eventName).toBe("e");
    expect(record?.attributes.values).toEqual({ k: "v" });
  });

  it("accepts hex ids in either case and base64 ids, rejecting wrong lengths", () => {
    const record = onlyRecord(request(`{"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"7xzaKx3wHvM="}`));
    expect(record.traceId).toBe("5b8efff798038103d269b633813fc60c");
    expect(record.spanId).toBe("ef1cda2b1df01ef3");
    expect(decodeError(request(`{"spanId":"abcd"}`)).message).toContain("logRecords[0].spanId");
  });

  it("reads severity as an integer or an enum name", () => {
    expect(onlyRecord(request(`{"severityNumber":17}`)).severityNumber).toBe(17);
    expect(onlyRecord(request(`{"severityNumber":"SEVERITY_NUMBER_WARN"}`)).severityNumber).toBe(13);
  });

  it("refuses an AnyValue that sets two values", () => {
    const error = decodeError(request(`{"body":{"stringValue":"a","intValue":1}}`));
    expect(error.code).toBe("OTLP_INVALID_SHAPE");
    expect(error.message).toContain("logRecords[0].body");
  });
});

describe("limits", () => {
  it("cuts huge string values and marks them truncated", () => {
    const huge = "x".repeat(5_000_000);
    const record = onlyRecord(request(`{"body":{"stringValue":"${huge}"},"attributes":[{"key":"cmd","value":{"stringValue":"${huge}"}},{"key":"ok","value":{"stringValue":"y"}}]}`));
    expect(record.body).toHaveLength(MAX_ATTRIBUTE_VALUE_LENGTH);
    expect(record.bodyTruncated).toBe(true);
    expect(record.attributes.values.cmd).toHaveLength(MAX_ATTRIBUTE_VALUE_LENGTH);
    expect(record.attributes.truncated).toEqual(["cmd"]);
  });

  it("keeps the first attributes up to the limit and counts the rest as dropped", () => {
    const attrs = Array.from({ length: MAX_ATTRIBUTES_PER_RECORD + 5 }, (_, i) => `{"key":"k${i}","value":{"intValue":${i}}}`);
    const record = onlyRecord(request(`{"attributes":[${attrs.join(",")}],"droppedAttributesCount":2}`));
    expect(Object.keys(record.attributes.values)).toHaveLength(MAX_ATTRIBUTES_PER_RECORD);
    expect(record.attributes.dropped).toBe(7);
  });

  it("cuts long arrays and deep nesting, marking the attribute", () => {
    const long = Array.from({ length: MAX_ARRAY_VALUES + 1 }, () => `{"intValue":1}`).join(",");
    let deep = `{"stringValue":"bottom"}`;
    for (let i = 0; i < MAX_VALUE_DEPTH + 2; i++) deep = `{"arrayValue":{"values":[${deep}]}}`;
    const record = onlyRecord(request(`{"attributes":[{"key":"long","value":{"arrayValue":{"values":[${long}]}}},{"key":"deep","value":${deep}}]}`));
    expect(record.attributes.values.long).toHaveLength(MAX_ARRAY_VALUES);
    expect(record.attributes.truncated).toEqual(["long", "deep"]);
    expect(JSON.stringify(record.attributes.values.deep)).not.toContain("bottom");
  });

  it("keeps the first of duplicate keys and reports the duplicate", () => {
    const record = onlyRecord(request(`{"attributes":[{"key":"decision","value":{"stringValue":"accept"}},{"key":"decision","value":{"stringValue":"reject"}}]}`));
    expect(record.attributes.values.decision).toBe("accept");
    expect(record.attributes.duplicateKey).toBe("decision");
  });

  it("replaces unpaired surrogates, which UTF-8 and Postgres cannot hold, and keeps pairs", () => {
    const record = onlyRecord(request(`{"body":{"stringValue":"a\\ud800b \\ud83d\\ude00 \\udc00"}}`));
    expect(record.body).toBe("a\ufffdb \u{1f600} \ufffd");
  });

  it("replaces U+0000, which no Postgres text or jsonb value can hold, in values and keys", () => {
    const record = onlyRecord(request(`{"severityText":"a\\u0000","attributes":[{"key":"k\\u0000","value":{"stringValue":"v\\u0000w"}}]}`));
    expect(record.severityText).toBe("a\ufffd");
    expect(record.attributes.values).toEqual({ "k\ufffd": "v\ufffdw" });
  });

  it("never cuts a long value inside a surrogate pair", () => {
    const text = `${"x".repeat(MAX_ATTRIBUTE_VALUE_LENGTH - 1)}\u{1f600}`;
    const record = onlyRecord(request(JSON.stringify({ body: { stringValue: text } })));
    expect(record.body).toBe("x".repeat(MAX_ATTRIBUTE_VALUE_LENGTH - 1));
  });

  it("treats __proto__ as an ordinary key", () => {
    const record = onlyRecord(request(`{"attributes":[{"key":"__proto__","value":{"stringValue":"p"}}]}`));
    expect(Object.keys(record.attributes.values)).toEqual(["__proto__"]);
    expect(record.attributes.values.__proto__).toBe("p");
    expect(Object.getPrototypeOf(record.attributes.values)).toBe(Object.prototype);
  });

  it("refuses more than MAX_RECORDS_PER_REQUEST records", () => {
    const text = request(...Array.from({ length: MAX_RECORDS_PER_REQUEST + 1 }, () => "{}"));
    expect(decodeError(text).code).toBe("OTLP_TOO_MANY_RECORDS");
  });
});

describe("bad bodies", () => {
  it.each([
    ["not JSON", "{", "OTLP_MALFORMED_JSON"],
    ["invalid UTF-8", "\u0000", "OTLP_MALFORMED_JSON"],
    ["a JSON array", "[]", "OTLP_INVALID_SHAPE"],
    ["resourceLogs not an array", `{"resourceLogs":{}}`, "OTLP_INVALID_SHAPE"],
    ["attributes not an array", request(`{"attributes":{"a":1}}`), "OTLP_INVALID_SHAPE"],
    ["a string where a number belongs", request(`{"flags":"x"}`), "OTLP_INVALID_SHAPE"],
  ])("%s → OtlpDecodeError", (_label, text, code) => {
    const body = text === "\u0000" ? Uint8Array.of(0x7b, 0xff, 0x7d) : bytes(text);
    expect(() => decodeExportLogsRequest(body, "application/json")).toThrow(expect.objectContaining({ name: "OtlpDecodeError", code }));
  });

  it("reads an empty request as no records", () => {
    expect(decodeJson("{}")).toEqual({ resourceLogs: [], recordCount: 0 });
  });

  it("refuses content types OTLP/HTTP does not define", () => {
    expect(() => decodeExportLogsRequest(bytes("{}"), "text/plain")).toThrow(expect.objectContaining({ code: "OTLP_UNSUPPORTED_CONTENT_TYPE" }));
  });
});
