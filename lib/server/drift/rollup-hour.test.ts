import { describe, expect, it } from "vitest";
import { rollupLookbackMs } from "./rollup-hour";

const H = 3_600_000;
const DAY = 24 * H;
const today = Date.UTC(2026, 10, 22, 10);

describe("hourly rollup refresh window", () => {
  it("backfills everything on the first run, then two hours, 48 h at a new hour, 31 days at a new day or on demand", () => {
    expect(rollupLookbackMs(undefined, today, false)).toBeNull();
    expect(rollupLookbackMs(today, today, false)).toBe(2 * H);
    expect(rollupLookbackMs(today - H, today, false)).toBe(49 * H);
    expect(rollupLookbackMs(today - 5 * H, today, false)).toBe(53 * H); // downtime is covered
    expect(rollupLookbackMs(today - 11 * H, today, false)).toBe(31 * DAY); // yesterday
    expect(rollupLookbackMs(today, today, true)).toBe(31 * DAY);
  });
});
