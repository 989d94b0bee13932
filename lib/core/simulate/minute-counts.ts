import type { OutcomeMinute } from "./aggregate";
import { rateTimeline } from "./outcome-rates";
import { gateName } from "./options";
import type { SimulateOptions } from "./options";
import { createRandom } from "./random";

const MINUTE_MS = 60_000;

/** Fraction of gates still reporting at a minute. */
function liveShare(options: SimulateOptions, minute: number): number {
  let live = 0;
  for (let i = 1; i <= options.gates; i++) {
    const silentAt = Math.min(Infinity, ...options.silent.filter((s) => s.gate === gateName(i)).map((s) => s.atMinute));
    if (minute < silentAt) live++;
  }
  return live / options.gates;
}

/**
 * The same traffic model drawn as counts per bucket of `bucketMinutes` (n ~ Poisson,
 * DENY and SILENCE binomial) without individual events: fast enough for weeks of
 * baseline history. Rows carry their bucket's start in `minute`.
 */
export function simulateMinuteCounts(options: SimulateOptions, bucketMinutes = 1): Map<string, OutcomeMinute[]> {
  if (options.startMs % MINUTE_MS !== 0) throw new TypeError("startMs must be a whole minute");
  if (!Number.isSafeInteger(bucketMinutes) || bucketMinutes < 1) throw new TypeError("bucketMinutes must be a positive integer");
  const random = createRandom(`${options.seed}/counts`);
  const rates = rateTimeline(options);
  const totalWeight = options.surfaces.reduce((sum, s) => sum + s.weight, 0);
  const result = new Map(options.surfaces.map((s) => [s.name, [] as OutcomeMinute[]]));
  for (let m = 0; m < options.durationMinutes; m += bucketMinutes) {
    const width = Math.min(bucketMinutes, options.durationMinutes - m);
    const share = liveShare(options, m + width / 2);
    for (const surface of options.surfaces) {
      const n = random.poisson((options.ratePerMinute * width * share * surface.weight) / totalWeight);
      const { deny: pDeny, silence: pSilence } = rates(surface.name, m + width / 2);
      const deny = random.binomial(n, pDeny);
      const silence = pDeny < 1 ? random.binomial(n - deny, Math.min(1, pSilence / (1 - pDeny))) : 0;
      result.get(surface.name)?.push({ minute: options.startMs + m * MINUTE_MS, n, deny, silence });
    }
  }
  return result;
}
