/** The outcomes whose rates are watched; PERMIT is the rest. */
export const WATCHED_OUTCOMES = ["DENY", "SILENCE"] as const;
export type WatchedOutcome = (typeof WATCHED_OUTCOMES)[number];

/** A (surface, outcome) detector stream. */
export type StreamKey = { surface: string; outcome: WatchedOutcome };

/** A map key for a stream (surface names may hold any character but NUL). */
export function streamId(surface: string, outcome: WatchedOutcome): string {
  return `${surface}\u0000${outcome}`;
}
