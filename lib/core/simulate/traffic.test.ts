import { describe, expect, it } from "vitest";
import { countDecisionsByMinute, outcomeSeries } from "./aggregate";
import { simulateMinuteCounts } from "./minute-counts";
import type { SimulateOptions } from "./options";
import { simulateTraffic } from "./traffic";
import type { SimulatedDecision, SimulatedEvent } from "./traffic";

const START = Date.UTC(2026, 10, 22, 9, 0);
const MIN = 60_000;

function options(patch: Partial<SimulateOptions> = {}): SimulateOptions {
  return {
    gates: 3,
    ratePerMinute: 60,
    surfaces: [
      { name: "payments", weight: 1 },
      { name: "shell", weight: 1 },
    ],
    deny: 0.02,
    silence: 0.01,
    shifts: [],
    drifts: [],
    silent: [],
    durationMinutes: 60,
    heartbeatSec: 30,
    seed: "traffic",
    startMs: START,
    ...patch,
  };
}

const decisions = (events: readonly SimulatedEvent[]) => events.filter((e): e is SimulatedDecision => e.kind === "decision");

describe("simulateTraffic", () => {
  it("is deterministic, time-ordered and inside the run", () => {
    const a = [...simulateTraffic(options())];
    const b = [...simulateTraffic(options())];
    expect(b).toEqual(a);
    expect(a.every((e, i) => i === 0 || (a[i - 1]?.at ?? 0) <= e.at)).toBe(true);
    expect(a.every((e) => e.at >= START && e.at < START + 60 * MIN)).toBe(true);
    expect([...simulateTraffic(options({ seed: "other" }))]).not.toEqual(a);
  });

  it("produces realistic decision records at the requested rate", () => {
    const all = decisions([...simulateTraffic(options())]);
    // 3,600 expected; Poisson sd 60.
    expect(all.length).toBeGreaterThan(3_360);
    expect(all.length).toBeLessThan(3_840);
    const first = all[0];
    expect(first?.sessionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first?.toolUseId).toMatch(/^toolu_01[0-9A-Za-z]{22}$/);
    expect(new Set(all.map((d) => d.gate))).toEqual(new Set(["gate-1", "gate-2", "gate-3"]));
    expect(new Set(all.map((d) => d.toolUseId)).size).toBe(all.length);
    expect(all.filter((d) => d.outcome === "SILENCE").every((d) => d.source === "hook")).toBe(true);
    expect(all.filter((d) => d.surface === "payments").every((d) => ["transfer", "refund", "read_balance"].includes(d.action))).toBe(true);
  });

  it("steps a surface's rate at --shift and ramps it over --drift", () => {
    const shifted = options({
      durationMinutes: 120,
      ratePerMinute: 400,
      shifts: [{ surface: "payments", outcome: "DENY", rate: 0.4, atMinute: 60 }],
      drifts: [{ surface: "shell", outcome: "SILENCE", rate: 0.21, fromMinute: 20, toMinute: 120 }],
    });
    const all = decisions([...simulateTraffic(shifted)]);
    const rate = (surface: string, outcome: string, from: number, to: number) => {
      const slice = all.filter((d) => d.surface === surface && d.at >= START + from * MIN && d.at < START + to * MIN);
      return slice.filter((d) => d.outcome === outcome).length / slice.length;
    };
    expect(rate("payments", "DENY", 0, 60)).toBeLessThan(0.03);
    expect(rate("payments", "DENY", 60, 120)).toBeGreaterThan(0.37);
    expect(rate("payments", "DENY", 60, 120)).toBeLessThan(0.43);
    expect(rate("shell", "SILENCE", 0, 20)).toBeLessThan(0.02);
    // Linear ramp 1 % → 21 %: about 6 % over minutes 30–40, 16 % over 80–90.
    expect(rate("shell", "SILENCE", 30, 40)).toBeGreaterThan(0.04);
    expect(rate("shell", "SILENCE", 30, 40)).toBeLessThan(0.08);
    expect(rate("shell", "SILENCE", 80, 90)).toBeGreaterThan(0.13);
    expect(rate("shell", "SILENCE", 80, 90)).toBeLessThan(0.19);
  });

  it("stops everything from a silent gate, heartbeats included, and changes nothing else", () => {
    const plain = [...simulateTraffic(options())];
    const silent = [...simulateTraffic(options({ silent: [{ gate: "gate-2", atMinute: 30 }] }))];
    const cut = START + 30 * MIN;
    expect(silent.filter((e) => e.gate === "gate-2" && e.at >= cut)).toEqual([]);
    expect(silent).toEqual(plain.filter((e) => !(e.gate === "gate-2" && e.at >= cut)));
    const beats = plain.filter((e) => e.kind === "heartbeat" && e.gate === "gate-1");
    expect(beats).toHaveLength(120);
    expect((beats[1]?.at ?? 0) - (beats[0]?.at ?? 0)).toBeGreaterThanOrEqual(29_999);
  });

  it("handles every gate falling silent at once", () => {
    const events = [...simulateTraffic(options({ gates: 1, silent: [{ gate: "gate-1", atMinute: 0 }] }))];
    expect(events).toEqual([]);
  });
});

describe("minute counts", () => {
  it("aggregates a stream per surface and minute", () => {
    const events = [...simulateTraffic(options())];
    const counts = countDecisionsByMinute(events);
    const payments = counts.get("payments") ?? [];
    const total = payments.reduce((sum, row) => sum + row.n, 0);
    expect(total).toBe(decisions(events).filter((d) => d.surface === "payments").length);
    const deny = outcomeSeries(payments, "DENY");
    expect(deny.reduce((sum, row) => sum + row.k, 0)).toBe(
      decisions(events).filter((d) => d.surface === "payments" && d.outcome === "DENY").length,
    );
    expect(payments.every((row) => row.minute % MIN === 0)).toBe(true);
  });

  it("draws the same model directly as counts, fast enough for weeks of history", () => {
    const counts = simulateMinuteCounts(options({ durationMinutes: 14 * 1440, ratePerMinute: 20 }));
    const rows = counts.get("payments") ?? [];
    expect(rows).toHaveLength(14 * 1440);
    const n = rows.reduce((sum, row) => sum + row.n, 0);
    const deny = rows.reduce((sum, row) => sum + row.deny, 0);
    const silence = rows.reduce((sum, row) => sum + row.silence, 0);
    // 201,600 expected trials (sd 449); 2 % DENY (sd 0.03 %), 1 % SILENCE.
    expect(Math.abs(n - 201_600)).toBeLessThan(2_000);
    expect(Math.abs(deny / n - 0.02)).toBeLessThan(0.0013);
    expect(Math.abs(silence / n - 0.01)).toBeLessThan(0.0009);
  });
});
