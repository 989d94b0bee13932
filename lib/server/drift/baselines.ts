import { DEFAULT_BASELINE_PARAMS, HOUR_MS, estimateBaseline, type Baseline, type MinuteCount, type TimeRange } from "@/lib/core/drift";
import type { SurfaceCounts } from "./drift-queries";
import { WATCHED_OUTCOMES, streamId, type WatchedOutcome } from "./stream-key";

export type BaselineHistory = {
  /** Hourly counts per surface over (at least) the baseline window before `asOf`. */
  hours: readonly SurfaceCounts[];
  /** Periods to leave out of one stream's baseline: its alerting periods and break-glass windows on its surface. */
  excluded(surface: string, outcome: WatchedOutcome): readonly TimeRange[];
  surfaces: readonly string[];
  asOf: number;
};

function overlaps(start: number, end: number, ranges: readonly TimeRange[]): boolean {
  return ranges.some((range) => start < range.to && range.from < end);
}

/** Pooled rate of one outcome over every surface in the window: the prior the baselines shrink toward. */
function fleetRates(rows: readonly SurfaceCounts[]): Record<WatchedOutcome, number> {
  let n = 0;
  let deny = 0;
  let silence = 0;
  for (const row of rows) {
    n += row.n;
    deny += row.deny;
    silence += row.silence;
  }
  return { DENY: n === 0 ? 0 : deny / n, SILENCE: n === 0 ? 0 : silence / n };
}

/**
 * Baselines for every (surface, outcome) from hourly counts. Only whole hours that end before
 * the guard are used, and an hour that touches an excluded period is left out entirely (the
 * conservative reading of an hourly row, which cannot be split).
 */
export function computeBaselines(history: BaselineHistory): Map<string, Baseline> {
  const params = DEFAULT_BASELINE_PARAMS;
  const from = history.asOf - params.windowMs;
  const to = history.asOf - params.guardMs;
  const usable = history.hours.filter((row) => row.at >= from && row.at + HOUR_MS <= to && row.n > 0);
  const fleet = fleetRates(usable);
  const bySurface = new Map<string, SurfaceCounts[]>();
  for (const row of usable) {
    if (!bySurface.has(row.surface)) bySurface.set(row.surface, []);
    bySurface.get(row.surface)!.push(row);
  }
  const baselines = new Map<string, Baseline>();
  for (const surface of history.surfaces) {
    for (const outcome of WATCHED_OUTCOMES) {
      const excluded = history.excluded(surface, outcome);
      const counts: MinuteCount[] = (bySurface.get(surface) ?? [])
        .filter((row) => excluded.length === 0 || !overlaps(row.at, row.at + HOUR_MS, excluded))
        .map((row) => ({ minute: row.at, n: row.n, k: outcome === "DENY" ? row.deny : row.silence }));
      baselines.set(streamId(surface, outcome), estimateBaseline({ history: counts, fleetRate: fleet[outcome], excluded: [], asOf: history.asOf }, params));
    }
  }
  return baselines;
}
