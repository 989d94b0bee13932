import { describe, expect, it } from "vitest";
import { uuidv7 } from "./uuidv7";

describe("uuidv7", () => {
  it("writes the time, version 7 and variant 10 (RFC 9562 §5.7), the rest random", () => {
    // RFC 9562 Appendix A.6's time: 2022-02-22 19:22:22 UTC = 0x017F22E279B0 ms.
    const id = uuidv7(0x017f22e279b0);
    expect(id).toMatch(/^017f22e2-79b0-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidv7(0x017f22e279b0)).not.toBe(id);
    expect(uuidv7(new Date("2026-11-22T00:00:00Z")).slice(0, 13)).toBe(`${(Date.parse("2026-11-22T00:00:00Z")).toString(16).padStart(12, "0").replace(/^(.{8})/, "$1-")}`);
  });

  it("sorts by time, as text and as PostgreSQL's uuid order (bytewise) alike", () => {
    const ids = [0, 1, 255, 256, 2 ** 32, 2 ** 40 + 7, 2 ** 48 - 1].map((ms) => uuidv7(ms));
    expect([...ids].sort()).toEqual(ids);
  });

  it("refuses times it cannot write", () => {
    for (const ms of [-1, 2 ** 48, 1.5, Number.NaN]) expect(() => uuidv7(ms)).toThrow(RangeError);
  });
});
