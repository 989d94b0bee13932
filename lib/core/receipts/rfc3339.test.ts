import { describe, expect, it } from "vitest";
import { formatRfc3339, parseRfc3339 } from "./rfc3339";

describe("parseRfc3339", () => {
  it("parses UTC and offset date-times to epoch milliseconds", () => {
    expect(parseRfc3339("2026-06-01T00:00:00Z")).toBe(Date.UTC(2026, 5, 1));
    expect(parseRfc3339("2026-06-01T02:00:00+02:00")).toBe(Date.UTC(2026, 5, 1));
    expect(parseRfc3339("2026-05-31T19:30:00-04:30")).toBe(Date.UTC(2026, 5, 1));
    expect(parseRfc3339("2026-06-01t00:00:00.250z")).toBe(Date.UTC(2026, 5, 1) + 250);
  });

  it("refuses dates without an offset, impossible dates and other formats", () => {
    for (const text of ["2026-06-01T00:00:00", "2026-06-01", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
      "2026-06-01T24:00:00Z", "2026-06-01 00:00:00Z", "1780272000", "2026-06-01T00:00:00+25:00", "0099-01-01T00:00:00Z"]) {
      expect(parseRfc3339(text), text).toBeUndefined();
    }
  });

  it("formats whole seconds without a fraction", () => {
    expect(formatRfc3339(Date.UTC(2026, 5, 1))).toBe("2026-06-01T00:00:00Z");
    expect(formatRfc3339(Date.UTC(2026, 5, 1) + 5)).toBe("2026-06-01T00:00:00.005Z");
  });
});
