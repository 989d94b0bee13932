/** Stable codes for every way simulator flags can be wrong. */
export type SimulateOptionErrorCode =
  | "INVALID_NUMBER"
  | "INVALID_PROBABILITY"
  | "INVALID_SURFACES"
  | "INVALID_SHIFT"
  | "INVALID_DRIFT"
  | "INVALID_SILENT"
  | "UNKNOWN_SURFACE"
  | "UNKNOWN_GATE"
  | "OUTSIDE_DURATION"
  | "RATES_EXCEED_ONE";

/** A simulator flag that cannot be turned into a traffic model; the CLI maps it to a usage error. */
export class SimulateOptionError extends Error {
  override name = "SimulateOptionError";
  readonly code: SimulateOptionErrorCode;

  constructor(code: SimulateOptionErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
