// Shared by the server page and the client dashboard: a "use client" module cannot export plain values to the server.
export const DRIFT_RANGE_KEYS = ["1h", "6h", "24h", "7d", "30d"] as const;
export type DriftRangeKey = (typeof DRIFT_RANGE_KEYS)[number];
export type DriftFilters = { range: DriftRangeKey; surface?: string; end?: string };

/** The dashboard's URL for some filters (the URL is the state: shareable, back-button friendly). */
export function driftHref(filters: DriftFilters): string {
  const params = new URLSearchParams({ range: filters.range });
  if (filters.surface) params.set("surface", filters.surface);
  if (filters.end) params.set("end", filters.end);
  return `/drift?${params}`;
}
