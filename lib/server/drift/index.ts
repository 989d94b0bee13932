export { getDriftOverview, getDriftSeries, type AlertPeriod, type DriftOverview, type DriftSeries, type GrantPeriod, type SurfaceOverview } from "./get-drift";
export { DRIFT_RANGES, chartWindow, sparklineWindow, type DriftRange } from "./drift-range";
export { DriftOverviewInput, DriftSeriesInput } from "./schemas";
export type { BaselineView, DriftPoint, OutcomePoint } from "./series";
export { refreshHourlyRollup } from "./rollup-hour";
