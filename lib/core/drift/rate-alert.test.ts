import { describe, expect, it } from "vitest";
import type { Baseline } from "./baseline";
import { MINUTE_MS } from "./counts";
import type { MinuteCount } from "./counts";
import { cusumThreshold } from "./cusum";
import { SENSITIVITY_PRESETS } from "./params";
import { evaluateRateAlert } from "./rate-alert";
import type { RateAlertInput, RateAlertResult, RateAlertState } from "./rate-alert";

const T0 = Date.UTC(2026, 10, 22, 9, 0);
const params = SENSITIVITY_PRESETS.medium;
const READY: Baseline = {
  status: "ready",
  rate: 0.02,
  detectionRate: 0.02,
  trials: 200_000,
  events: 4000,
  effectiveTrials: 200_100,
  hourlySpread: 0,
  trialsPerDay: 14_400,
  asOf: T0,
};
// p1 = p0 + 0.08 = 0.10; h for 30 days at 14,400 trials a day.
const H = cusumThreshold(0.02, 0.1, 30 * 14_400);

/** Feeds one (k, n) per minute and evaluates 5 s after each minute closes, like the scheduler. */
class Stream {
  state: RateAlertState | null = null;
  counts: MinuteCount[] = [];
  minute = 0;
  results: RateAlertResult[] = [];

  feed(rows: readonly [k: number, n: number][], input: Partial<RateAlertInput> = {}, baseline = READY): RateAlertResult {
    let last: RateAlertResult | undefined;
    for (const [k, n] of rows) {
      this.counts.push({ minute: T0 + this.minute * MINUTE_MS, n, k });
      this.minute++;
      last = this.evaluate(input, baseline);
    }
    if (!last) throw new TypeError("feed needs rows");
    return last;
  }

  evaluate(input: Partial<RateAlertInput> = {}, baseline = READY): RateAlertResult {
    const now = T0 + this.minute * MINUTE_MS + 5_000;
    const result = evaluateRateAlert(this.state, { counts: this.counts.slice(-60), baseline, ...input }, now, params);
    this.state = result.state;
    this.results.push(result);
    return result;
  }

  get status() {
    return this.state?.status;
  }
}

const repeat = (row: [number, number], times: number): [number, number][] => Array.from({ length: times }, () => row);

describe("evaluateRateAlert", () => {
  it("stays normal on a stream at its baseline", () => {
    const stream = new Stream();
    stream.feed([...repeat([0, 10], 20), [1, 10], ...repeat([0, 10], 20), [1, 10]]);
    expect(stream.results.every((r) => r.transition === null)).toBe(true);
    expect(stream.status).toBe("normal");
  });

  it("goes pending at 0.7·h and fires at h, with the evidence behind it", () => {
    const stream = new Stream();
    stream.feed(repeat([0, 10], 5));
    const pending = stream.feed([[5, 10]]);
    expect(pending.transition).toEqual({ from: "normal", to: "pending", at: T0 + 6 * MINUTE_MS + 5_000 });
    expect(pending.evidence.cusum).toBeCloseTo(5 * Math.log(5) + 5 * Math.log(0.9 / 0.98), 12);
    const firing = stream.feed([[5, 10]]);
    expect(firing.transition?.to).toBe("firing");
    const e = firing.evidence;
    expect(e).toMatchObject({ rule: "cusum", k: 10, n: 20, observedRate: 0.5, baselineRate: 0.02, referenceRate: 0.02, shiftRate: 0.1 });
    expect(e.window).toEqual({ from: T0 + 5 * MINUTE_MS, to: T0 + 7 * MINUTE_MS });
    expect(e.threshold).toBeCloseTo(H, 12);
    expect(e.cusum).toBeGreaterThan(H);
    expect(e.pValue).toBeLessThan(1e-10);
    expect(e.interval[0]).toBeGreaterThan(0.29);
    expect(e.severity).toBe("critical");
  });

  it("never resolves on missing data and holds while the source is silent", () => {
    const stream = new Stream();
    stream.feed([[6, 10], [6, 10]]);
    expect(stream.status).toBe("firing");
    stream.feed(repeat([0, 0], 30));
    expect(stream.status).toBe("firing");
    stream.feed(repeat([0, 10], 30), { suppressed: true });
    expect(stream.status).toBe("firing");
  });

  it("resolves only after the reverse CUSUM holds for three evaluations with data", () => {
    const stream = new Stream();
    stream.feed([[6, 10], [6, 10]]);
    // Each 0/10 minute adds 0.852 of evidence for the baseline; 3 is reached in the 4th minute.
    stream.feed([...repeat([0, 10], 4), [0, 0], [0, 0], [0, 10]]);
    expect(stream.status).toBe("firing");
    const resolved = stream.feed([[0, 10]]);
    expect(resolved.transition?.to).toBe("resolved");
    expect(stream.state?.cusum).toBe(0);
    // Hysteresis: after resolving, the CUSUM starts from zero rather than re-firing at once.
    expect(stream.feed([[1, 10]]).transition).toBeNull();
  });

  it("counts each closed minute once however often it is evaluated", () => {
    const stream = new Stream();
    stream.feed([[5, 10]]);
    const s = stream.state?.cusum;
    stream.evaluate();
    stream.evaluate();
    expect(stream.state?.cusum).toBe(s);
  });

  it("clears a pending alert only below 0.3·h, and not while data is missing", () => {
    const stream = new Stream();
    stream.feed([[5, 10]]);
    expect(stream.status).toBe("pending");
    stream.feed(repeat([0, 0], 10));
    expect(stream.status).toBe("pending");
    // S ≈ 7.6 falls by 0.852 a minute: below 0.7·h it holds, below 0.3·h (≈ 3) it clears.
    stream.feed(repeat([0, 10], 3));
    expect(stream.status).toBe("pending");
    stream.feed(repeat([0, 10], 3));
    expect(stream.status).toBe("normal");
  });

  it("keeps a CUSUM stream between 0.7·h and h pending, however long, without paging", () => {
    const stream = new Stream();
    stream.feed([[5, 10]]);
    // One event in 20 trials leaves S almost unchanged; the run's rate stays ~5 % against 2 %.
    const results = repeat([1, 20], 40).map((row) => stream.feed([row]));
    expect(results.every((r) => (r.evidence.cusum ?? 0) < H && r.evidence.pValue < params.alpha)).toBe(true);
    expect(results.every((r) => r.transition === null)).toBe(true);
    expect(stream.status).toBe("pending");
  });

  it("raises nothing for a muted surface", () => {
    const stream = new Stream();
    stream.feed(repeat([8, 10], 5), { muted: true });
    expect(stream.status).toBe("normal");
    expect(stream.state?.cusum).toBeGreaterThan(H);
  });

  it("judges a learning surface by the absolute rule only: ≥ 50 % of ≥ 20 calls, exact test against 10 %", () => {
    const learning: Baseline = { ...READY, status: "learning", trials: 40, trialsPerDay: 40 };
    const stream = new Stream();
    const first = stream.feed([[4, 10]], {}, learning);
    expect(first.evidence).toMatchObject({ rule: "absolute", cusum: null, threshold: null, referenceRate: 0.1 });
    expect(stream.feed([[3, 10]], {}, learning).transition).toBeNull(); // 7/20 = 35 %
    expect(stream.feed([[10, 10]], {}, learning).transition?.to).toBe("pending"); // 17/30
    stream.feed([[8, 10]], {}, learning);
    expect(stream.feed([[9, 10]], {}, learning).transition?.to).toBe("firing");
  });

  it("starts its statistics over when the baseline finishes learning", () => {
    const stream = new Stream();
    stream.feed([[5, 10]]);
    expect(stream.state?.rule).toBe("cusum");
    stream.feed([[0, 10]], {}, { ...READY, status: "learning" });
    expect(stream.state).toMatchObject({ rule: "absolute", cusum: 0 });
  });
});
