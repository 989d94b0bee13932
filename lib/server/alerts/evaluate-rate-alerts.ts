import "server-only";
import { and, eq, gt, isNull, lt, or } from "drizzle-orm";
import { MINUTE_MS, detectorDesign, evaluateRateAlert, rateAlertParams, type Baseline, type MinuteCount, type Sensitivity, type TimeRange } from "@/lib/core/drift";
import { WILDCARD } from "@/lib/core/grants";
import type { Ctx } from "../auth/actor";
import { alerts, surfaceAlertSettings } from "../db/schema";
import { computeBaselines } from "../drift/baselines";
import { surfaceCounts, surfaceSources, type SurfaceCounts } from "../drift/drift-queries";
import { prepareCounts } from "../drift/late-fold";
import { loadStreams, pruneStreams, saveStreams, type StoredStream } from "../drift/stream-store";
import { WATCHED_OUTCOMES, streamId, type WatchedOutcome } from "../drift/stream-key";
import { listGrantWindows } from "../grants/list-grant-windows";
import { alertFingerprint, alertLabels } from "./alert-kinds";
import { applySignal, openAlerts, resolveAlert, type AlertRow } from "./alert-store";
import { rateSignal } from "./rate-signal";

/** Minutes of counts each evaluation reads: the absolute rule's hour, and late arrivals up to two hours. */
export const LOOKBACK_MS = 120 * MINUTE_MS;
/** A stream is "fed" by the sources that sent its surface decisions in the last hour. */
const FEEDERS_MS = 60 * MINUTE_MS;
const BASELINE_WINDOW_MS = 14 * 86_400_000;
/** Baselines are recomputed hourly (they barely move within an hour) and when a new surface appears. */
const BASELINE_MAX_AGE_MS = 3_600_000;

type SurfaceSettings = { sensitivity: Sensitivity; minVolume: number | null; muted: boolean };
const DEFAULT_SETTINGS: SurfaceSettings = { sensitivity: "medium", minVolume: null, muted: false };

export type RateEvaluation = { streams: number; transitions: number; baselinesRefreshed: boolean };

type Inputs = {
  now: number;
  lookbackStart: number;
  minutes: Map<string, SurfaceCounts[]>;
  feeders: Map<string, Set<string>>;
  stored: Map<string, StoredStream>;
  baselines: Map<string, Baseline> | null;
  surfaces: string[];
  settings: Map<string, SurfaceSettings>;
  open: Map<string, AlertRow>;
};

function groupBySurface(rows: readonly SurfaceCounts[]): Map<string, SurfaceCounts[]> {
  const map = new Map<string, SurfaceCounts[]>();
  for (const row of rows) {
    if (!map.has(row.surface)) map.set(row.surface, []);
    map.get(row.surface)!.push(row);
  }
  return map;
}

function minuteSeries(rows: readonly SurfaceCounts[], outcome: WatchedOutcome): MinuteCount[] {
  return rows.map((row) => ({ minute: row.at, n: row.n, k: outcome === "DENY" ? row.deny : row.silence })).sort((a, b) => a.minute - b.minute);
}

/** Alerting periods of every rate stream and break-glass windows: what baselines must leave out. */
async function exclusions(ctx: Ctx, asOf: number): Promise<(surface: string, outcome: WatchedOutcome) => TimeRange[]> {
  const from = new Date(asOf - BASELINE_WINDOW_MS);
  const periods = await ctx.db
    .select({ surface: alerts.surface, outcome: alerts.outcome, startsAt: alerts.startsAt, resolvedAt: alerts.resolvedAt })
    .from(alerts)
    .where(and(eq(alerts.kind, "outcome_rate"), lt(alerts.startsAt, ctx.now), or(isNull(alerts.resolvedAt), gt(alerts.resolvedAt, from))));
  const windows = await listGrantWindows(ctx, { from, to: ctx.now });
  return (surface, outcome) => [
    ...periods.filter((p) => p.surface === surface && p.outcome === outcome).map((p) => ({ from: p.startsAt.getTime(), to: p.resolvedAt?.getTime() ?? asOf })),
    ...windows.filter((w) => w.surfaces.includes(WILDCARD) || w.surfaces.includes(surface)).map((w) => ({ from: Date.parse(w.start), to: Date.parse(w.end) })),
  ];
}

/** Baselines of every surface seen in the last 14 days, in the lookback, or with an open alert. */
async function freshBaselines(ctx: Ctx, surfaces: Set<string>, asOf: number): Promise<Map<string, Baseline>> {
  const hours = await surfaceCounts(ctx.db, { from: asOf - BASELINE_WINDOW_MS, to: asOf + MINUTE_MS, bucketMs: 3_600_000, table: "hour" });
  for (const row of hours) if (row.n > 0) surfaces.add(row.surface);
  return computeBaselines({ hours, excluded: await exclusions(ctx, asOf), surfaces: [...surfaces], asOf });
}

async function loadSettings(ctx: Ctx): Promise<Map<string, SurfaceSettings>> {
  const rows = await ctx.db.select().from(surfaceAlertSettings);
  return new Map(rows.map((row) => [row.surface, { sensitivity: row.sensitivity as Sensitivity, minVolume: row.minVolume, muted: row.muted }]));
}

async function loadInputs(ctx: Ctx, refreshBaselines: boolean): Promise<Inputs> {
  const now = ctx.now.getTime();
  const lookbackStart = Math.floor(now / MINUTE_MS) * MINUTE_MS - LOOKBACK_MS;
  const minutes = groupBySurface(await surfaceCounts(ctx.db, { from: lookbackStart, to: now + MINUTE_MS, bucketMs: MINUTE_MS, table: "minute" }));
  const feeders = await surfaceSources(ctx.db, now - FEEDERS_MS, now + MINUTE_MS);
  const stored = await loadStreams(ctx.db);
  const open = await openAlerts(ctx.db, ["outcome_rate"]);
  const active = new Set([...minutes.keys(), ...[...open.values()].flatMap((row) => (row.surface === null ? [] : [row.surface]))]);
  const stale = [...stored.values()].some((s) => s.baselineAt === null || now - s.baselineAt >= BASELINE_MAX_AGE_MS);
  const unknown = [...active].some((surface) => !stored.has(streamId(surface, "DENY")));
  const baselines = refreshBaselines || stale || unknown || stored.size === 0 ? await freshBaselines(ctx, active, now) : null;
  // Without a refresh, the stored streams are the surfaces of the last refresh (already pruned).
  if (!baselines) for (const s of stored.values()) active.add(s.surface);
  return { now, lookbackStart, minutes, feeders, stored, baselines, surfaces: [...active].sort(), settings: await loadSettings(ctx), open };
}

/** Evaluates one stream and brings its outcome_rate alert in line; returns its new stored form. */
async function evaluateStream(ctx: Ctx, inputs: Inputs, surface: string, outcome: WatchedOutcome, suppressed: boolean): Promise<{ stream: StoredStream | null; changed: boolean }> {
  const id = streamId(surface, outcome);
  const previous = inputs.stored.get(id);
  const baseline = inputs.baselines?.get(id) ?? previous?.baseline;
  if (!baseline) return { stream: null, changed: false };
  const config = inputs.settings.get(surface) ?? DEFAULT_SETTINGS;
  const params = rateAlertParams({ sensitivity: config.sensitivity, ...(config.minVolume === null ? {} : { minVolume: config.minVolume }) });
  // A stream whose rule changes (it finished learning) starts over on the whole lookback, so a
  // shift already under way when its baseline became ready is judged by the CUSUM at once.
  const restart = previous?.state != null && previous.state.rule !== detectorDesign(baseline, params).rule;
  const state = previous?.state ? (restart ? { ...previous.state, processedThrough: null } : previous.state) : null;
  const series = minuteSeries(inputs.minutes.get(surface) ?? [], outcome);
  const prepared = prepareCounts(series, restart ? [] : (previous?.folded ?? []), state?.processedThrough ?? null, inputs.now, inputs.lookbackStart);
  const result = evaluateRateAlert(state, { counts: prepared.counts, baseline, suppressed, muted: config.muted }, inputs.now, params);
  const open = inputs.open.get(alertFingerprint(alertLabels("outcome_rate", { surface, outcome })));
  const signal = rateSignal({ surface, outcome }, result, baseline, config.sensitivity);
  if (signal) await applySignal(ctx.db, open, signal, ctx.now);
  else if (open) await resolveAlert(ctx.db, open, ctx.now, result.state.status === "resolved" ? "recovered" : "cleared");
  const baselineAt = inputs.baselines ? inputs.now : (previous?.baselineAt ?? inputs.now);
  return { stream: { surface, outcome, state: result.state, folded: prepared.memory, baseline, baselineAt }, changed: result.transition !== null };
}

/**
 * One pass over every (surface, outcome) stream: folds the minutes closed since the last pass
 * (and late arrivals) into lib/core/drift's detector, and opens, fires or resolves the
 * outcome_rate alerts it calls for. Streams fed only by silent sources are held.
 */
export async function evaluateRateAlerts(ctx: Ctx, options: { suppressedSources: ReadonlySet<string>; refreshBaselines?: boolean }): Promise<RateEvaluation> {
  const inputs = await loadInputs(ctx, options.refreshBaselines ?? false);
  const next: StoredStream[] = [];
  let transitions = 0;
  for (const surface of inputs.surfaces) {
    const fedBy = inputs.feeders.get(surface);
    const suppressed = fedBy !== undefined && fedBy.size > 0 && [...fedBy].every((id) => options.suppressedSources.has(id));
    for (const outcome of WATCHED_OUTCOMES) {
      const { stream, changed } = await evaluateStream(ctx, inputs, surface, outcome, suppressed);
      if (stream) next.push(stream);
      if (changed) transitions++;
    }
  }
  await saveStreams(ctx.db, next, ctx.now);
  if (inputs.baselines) await pruneStreams(ctx.db, inputs.surfaces);
  return { streams: next.length, transitions, baselinesRefreshed: inputs.baselines !== null };
}
