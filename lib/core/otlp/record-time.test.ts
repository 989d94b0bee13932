import { describe, expect, it } from "vitest";
import { parseRfc3339Nanos, unixNanoToMs } from "./record-time";

describe("parseRfc3339Nanos", () => {
  it("keeps every fraction digit up to nanoseconds, with Z or an offset", () => {
    expect(parseRfc3339Nanos("2026-11-22T10:15:30.123456789Z")).toBe(1795342530123456789n);
    expect(parseRfc3339Nanos("2026-11-22T10:15:30Z")).toBe(1795342530000000000n);
    expect(parseRfc3339Nanos("2026-11-22T12:15:30.5+02:00")).toBe(1795342530500000000n);
  });

  it("refuses what is not RFC 3339", () => {
    for (const bad of ["2026-11-22", "2026-11-22T10:15:30", "yesterday", "2026-11-22T10:15:30.1234567891Z", "2026-13-01T00:00:00Z"]) {
      expect(parseRfc3339Nanos(bad)).toBeNull();
    }
  });
});

describe("unixNanoToMs", () => {
  it("floors to whole milliseconds", () => {
    expect(unixNanoToMs(1795183237123999999n)).toBe(1795183237123);
    expect(unixNanoToMs(-1n)).toBe(-1);
  });
});
