export { SIMULATE_DEFAULTS, gateName } from "./options";
export type {
  GateSilence,
  Outcome,
  RateDrift,
  RateShift,
  ShiftableOutcome,
  SimulateOptions,
  SurfaceSpec,
} from "./options";
export { SimulateOptionError } from "./errors";
export type { SimulateOptionErrorCode } from "./errors";
export {
  SIMULATE_TRAFFIC_FLAGS,
  parseDrift,
  parseProbability,
  parseShift,
  parseSilent,
  parseSimulateOptions,
  parseSurfaces,
} from "./parse-options";
export type { SimulateFlags } from "./parse-options";
export { validateSimulateOptions } from "./validate-options";
export { createRandom } from "./random";
export type { Random } from "./random";
export { rateTimeline } from "./outcome-rates";
export type { OutcomeRates, RateTimeline } from "./outcome-rates";
export { simulateTraffic } from "./traffic";
export type { SimulatedDecision, SimulatedEvent, SimulatedHeartbeat } from "./traffic";
export { countDecisionsByMinute, outcomeSeries } from "./aggregate";
export type { OutcomeMinute } from "./aggregate";
export { simulateMinuteCounts } from "./minute-counts";
export { replayAlerts } from "./replay-alerts";
export type { ReplayOptions, ReplayRateTransition, ReplayReport, ReplaySilenceTransition } from "./replay-alerts";
export { measureDetectionDelays, measureFalseAlarms, scenarioBaseline } from "./detection-quality";
export type { DetectionDelays, FalseAlarms, QualityScenario } from "./detection-quality";
