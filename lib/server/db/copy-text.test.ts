import { describe, expect, it } from "vitest";
import { COPY_NULL, copyTextField, copyTextJson } from "./copy-text";

/** Reads one COPY text field back as Postgres does (sql-copy.html, "Text Format"). */
function readField(field: string): string | null {
  if (field === "\\N") return null;
  return field.replace(/\\(.)/gsu, (_, c: string) => ({ n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v" })[c] ?? c);
}

/** Reads one row of COPY text (without its newline) back into values. */
function readRow(line: string): (string | null)[] {
  return line.split("\t").map(readField);
}

const ODD = [
  "",
  "plain",
  "tab\there",
  "two\nlines",
  "crlf\r\n",
  "back\\slash",
  "\\N",
  "\\.",
  "trailing backslash\\",
  "\\t is not a tab",
  "unicode: é ü ß 中文 \u{1f600} \u2028 \u2029 \ufffd",
  "other controls \u0001 \u0007 \u001b \u007f \b \f \v",
  "\t\n\r\\",
];

describe("COPY text fields", () => {
  it("writes NULL as \\N and a string \\N so that it reads back as the string", () => {
    expect(copyTextField(null)).toBe(COPY_NULL);
    expect(copyTextField("\\N")).toBe("\\\\N");
    expect(readField(copyTextField("\\N"))).toBe("\\N");
  });

  it("escapes exactly backslash, tab, newline and carriage return", () => {
    expect(copyTextField("a\\b\tc\nd\re")).toBe("a\\\\b\\tc\\nd\\re");
    expect(copyTextField("é\u0001\u{1f600}")).toBe("é\u0001\u{1f600}");
  });

  it("round-trips odd strings, and keeps a row's fields apart", () => {
    for (const value of ODD) {
      const field = copyTextField(value);
      expect(field).not.toMatch(/[\t\n\r]/);
      expect(readField(field)).toBe(value);
    }
    const values = [...ODD, null, "after null"];
    expect(readRow(values.map(copyTextField).join("\t"))).toEqual(values);
  });

  it("refuses U+0000, which no Postgres text can hold", () => {
    expect(() => copyTextField("nul\u0000inside")).toThrow(TypeError);
  });
});

describe("COPY text fields of JSON text", () => {
  it("equals the general escaping for anything JSON.stringify writes", () => {
    const json = JSON.stringify({ odd: ODD, nested: { "k\\ey": "v\"al\\ue", nul: "\u0000" } });
    expect(copyTextJson(json)).toBe(copyTextField(json));
    expect(JSON.parse(readField(copyTextJson(json))!)).toEqual(JSON.parse(json));
  });

  it("returns text without backslashes as it is", () => {
    const json = JSON.stringify({ a: "b", n: 1 });
    expect(copyTextJson(json)).toBe(json);
  });
});
