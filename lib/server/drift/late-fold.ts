import { MINUTE_MS, type MinuteCount } from "@/lib/core/drift";

/** Per-minute counts a stream has already folded into its statistics: [minute, n, k]. */
export type FoldedMemory = Array<[minute: number, n: number, k: number]>;

export type PreparedCounts = {
  /** What to hand to evaluateRateAlert: folded minutes as they were folded, late arrivals added to the newest closed minute. */
  counts: MinuteCount[];
  /** The memory to store after this evaluation. */
  memory: FoldedMemory;
  /** Decisions that arrived after their minute was folded, folded now (or held until a minute closes). */
  late: { n: number; k: number };
};

function lastClosedMinute(now: number): number {
  return Math.floor(now / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
}

/**
 * The core detector folds each minute once. Decisions that reach the rollup after their minute
 * was folded (an OTLP Collector flushing a buffer, a replay) would be lost to it; here the
 * difference between a minute's count now and when it was folded is folded at the next
 * evaluation as part of the newest closed minute — once, in the same CUSUM sum. Minutes before
 * `lookbackStart` are forgotten.
 */
export function prepareCounts(
  current: readonly MinuteCount[],
  memory: FoldedMemory,
  processedThrough: number | null,
  now: number,
  lookbackStart: number,
): PreparedCounts {
  const closed = lastClosedMinute(now);
  const remember = (rows: readonly MinuteCount[]): FoldedMemory =>
    rows.filter((row) => row.minute >= lookbackStart && row.minute <= closed && row.n > 0).map((row) => [row.minute, row.n, row.k]);
  if (processedThrough === null) return { counts: [...current], memory: remember(current), late: { n: 0, k: 0 } };

  const folded = new Map(memory.filter(([minute]) => minute >= lookbackStart).map(([minute, n, k]) => [minute, { n, k }]));
  const old: MinuteCount[] = [];
  const fresh: MinuteCount[] = [];
  const late = { n: 0, k: 0 };
  for (const row of current) {
    if (row.minute > processedThrough) {
      fresh.push({ ...row });
      continue;
    }
    const before = folded.get(row.minute) ?? { n: 0, k: 0 };
    old.push({ minute: row.minute, n: before.n, k: before.k });
    late.n += Math.max(0, row.n - before.n);
    late.k += Math.max(0, row.k - before.k);
  }
  late.k = Math.min(late.k, late.n);
  if (late.n === 0) return { counts: [...old, ...fresh], memory: remember(current), late };
  if (closed <= processedThrough) return { counts: [...old, ...fresh], memory, late };

  const newest = fresh.find((row) => row.minute === closed);
  if (newest) {
    newest.n += late.n;
    newest.k += late.k;
  } else {
    fresh.push({ minute: closed, n: late.n, k: late.k });
  }
  return { counts: [...old, ...fresh], memory: remember(current), late };
}
