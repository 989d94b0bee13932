import { describe, expect, it } from "vitest";
import { prepareCounts } from "./late-fold";

const MIN = 60_000;
const T = Date.UTC(2026, 10, 20, 9, 0);
const row = (m: number, n: number, k: number) => ({ minute: T + m * MIN, n, k });

describe("prepareCounts (late decisions are folded once)", () => {
  it("hands a fresh stream everything and remembers the closed minutes", () => {
    const current = [row(0, 10, 1), row(1, 10, 2), row(2, 4, 0)];
    const prepared = prepareCounts(current, [], null, T + 2 * MIN + 5_000, T - 60 * MIN);
    expect(prepared.counts).toEqual(current);
    expect(prepared.memory).toEqual([[T, 10, 1], [T + MIN, 10, 2]]); // minute 2 is still open
  });

  it("adds decisions that arrived after their minute was folded to the newest closed minute, keeping window totals exact", () => {
    const memory: Array<[number, number, number]> = [[T, 10, 1], [T + MIN, 10, 2]];
    const current = [row(0, 13, 3), row(1, 10, 2), row(2, 5, 1)];
    const prepared = prepareCounts(current, memory, T + MIN, T + 3 * MIN + 5_000, T - 60 * MIN);
    expect(prepared.late).toEqual({ n: 3, k: 2 });
    expect(prepared.counts).toEqual([row(0, 10, 1), row(1, 10, 2), row(2, 8, 3)]);
    const total = (rows: typeof current) => rows.reduce((s, r) => s + r.n, 0);
    expect(total(prepared.counts)).toBe(total(current));
    expect(prepared.memory).toEqual([[T, 13, 3], [T + MIN, 10, 2], [T + 2 * MIN, 5, 1]]);
  });

  it("holds late decisions until a minute closes, and creates the newest minute when it had none", () => {
    const memory: Array<[number, number, number]> = [[T, 10, 1]];
    const held = prepareCounts([row(0, 12, 2)], memory, T, T + MIN + 30_000, T - 60 * MIN);
    expect(held.memory).toEqual(memory);
    expect(held.counts).toEqual([row(0, 10, 1)]);
    const later = prepareCounts([row(0, 12, 2)], held.memory, T, T + 2 * MIN + 5_000, T - 60 * MIN);
    expect(later.counts).toEqual([row(0, 10, 1), row(1, 2, 1)]);
    expect(later.memory).toEqual([[T, 12, 2]]);
  });

  it("forgets minutes before the lookback", () => {
    const memory: Array<[number, number, number]> = [[T - 200 * MIN, 5, 0], [T, 10, 1]];
    expect(prepareCounts([row(0, 10, 1)], memory, T, T + 2 * MIN, T - 120 * MIN).memory).toEqual([[T, 10, 1]]);
  });
});
