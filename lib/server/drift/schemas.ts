import { z } from "zod";
import { DRIFT_RANGES } from "./drift-range";

const Range = z.enum(Object.keys(DRIFT_RANGES) as [keyof typeof DRIFT_RANGES, ...Array<keyof typeof DRIFT_RANGES>]).default("24h");

export const DriftOverviewInput = z.object({
  range: Range,
  /** End of the window (default now): the dashboard can look at the past. */
  end: z.coerce.date().optional(),
});
export type DriftOverviewInput = z.input<typeof DriftOverviewInput>;

export const DriftSeriesInput = z.object({
  surface: z.string().trim().min(1).max(256),
  range: Range,
  end: z.coerce.date().optional(),
});
export type DriftSeriesInput = z.input<typeof DriftSeriesInput>;
