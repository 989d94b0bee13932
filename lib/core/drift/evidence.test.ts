import { describe, expect, it } from "vitest";
import { buildEvidence, maxSeverity, severityFor, summarizeEvidence } from "./evidence";
import { SENSITIVITY_PRESETS } from "./params";

const params = SENSITIVITY_PRESETS.medium;
const base = { rule: "cusum" as const, window: { from: 0, to: 60_000 }, baselineRate: 0.02, referenceRate: 0.0205, shiftRate: 0.1005 };

describe("severity", () => {
  it("is critical when even the Wilson lower bound clears the critical band, warning when it clears the reference", () => {
    // Critical band for p0 = 2.05 %: max(odds × 10 → 17.3 %, p0 + 15 % = 17.05 %).
    expect(severityFor(0.174, 0.0205, params)).toBe("critical");
    expect(severityFor(0.172, 0.0205, params)).toBe("warning");
    expect(severityFor(0.021, 0.0205, params)).toBe("warning");
    expect(severityFor(0.02, 0.0205, params)).toBe("none");
    expect(maxSeverity("warning", "critical")).toBe("critical");
    expect(maxSeverity("warning", "none")).toBe("warning");
  });
});

describe("buildEvidence and summarizeEvidence", () => {
  it("carries the exact p-value and interval, and reads as one line", () => {
    const evidence = buildEvidence({ ...base, k: 12, n: 27, cusum: 17.93, threshold: 10.01 }, params);
    expect(evidence.observedRate).toBeCloseTo(12 / 27, 15);
    expect(evidence.interval[0]).toBeCloseTo(0.27585858177023, 12);
    expect(evidence.pValue / 7.191847549277813e-14).toBeCloseTo(1, 10);
    expect(evidence.severity).toBe("critical");
    expect(summarizeEvidence(evidence)).toBe(
      "12 of 27 (44.4 %, 95 % CI 27.6–62.7 %) against a 2.0 % baseline; CUSUM 17.9 ≥ 10.0; p = 7.2e-14; critical",
    );
  });

  it("says so when the window is empty", () => {
    const evidence = buildEvidence({ ...base, k: 0, n: 0, cusum: 0, threshold: 10 }, params);
    expect(evidence).toMatchObject({ window: null, observedRate: null, pValue: 1, severity: "none" });
    expect(summarizeEvidence(evidence)).toBe("no decisions in the window; baseline 2.0 %");
  });
});
