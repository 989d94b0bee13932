import { describe, expect, it } from "vitest";
import { evaluateSilence } from "./silence";
import type { SilenceState } from "./silence";

const T0 = Date.UTC(2026, 10, 22, 9, 0);
const MIN = 60_000;

function run(lastSeen: (now: number) => number | null, minutes: number, interval = 300) {
  let state: SilenceState | null = null;
  const log = [];
  for (let m = 1; m <= minutes; m++) {
    const now = T0 + m * MIN;
    const result = evaluateSilence(lastSeen(now), interval, state, now);
    state = result.state;
    log.push({ m, ...result });
  }
  return log;
}

describe("evaluateSilence", () => {
  it("goes late on the first overdue evaluation and silent on the second, once", () => {
    // Last record at minute 2; overdue (> 5 min) from minute 8.
    const log = run(() => T0 + 2 * MIN, 30);
    const transitions = log.filter((e) => e.transition);
    expect(transitions.map((e) => [e.m, e.transition?.from, e.transition?.to])).toEqual([
      [8, "ok", "late"],
      [9, "late", "silent"],
    ]);
    expect(log.filter((e) => e.suppressRateAlerts).map((e) => e.m)[0]).toBe(8);
    expect(log.at(-1)?.state).toMatchObject({ status: "silent", overdueEvaluations: 23, since: T0 + 9 * MIN });
  });

  it("recovers on the first evaluation that sees a record, and a single late evaluation raises nothing", () => {
    const seen = (now: number) => (now < T0 + 10 * MIN ? T0 + 2 * MIN : now - 1000);
    const log = run(seen, 12);
    expect(log.filter((e) => e.transition).map((e) => e.transition?.to)).toEqual(["late", "silent", "ok"]);
    const blip = run((now) => (now === T0 + 8 * MIN ? T0 : now - 1000), 12);
    expect(blip.filter((e) => e.transition).map((e) => e.transition?.to)).toEqual(["late", "ok"]);
  });

  it("does not judge a source that has never reported", () => {
    expect(run(() => null, 20).every((e) => e.state.status === "ok")).toBe(true);
  });

  it("refuses a non-positive interval", () => {
    expect(() => evaluateSilence(T0, 0, null, T0)).toThrow(TypeError);
  });
});
