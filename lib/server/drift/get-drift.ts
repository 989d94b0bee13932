import "server-only";
import { and, eq, gt, isNull, lt, or } from "drizzle-orm";
import { WILDCARD } from "@/lib/core/grants";
import { requireRole, type Ctx } from "../auth/actor";
import { alerts } from "../db/schema";
import { parseInput } from "../http/parse-input";
import { listGrantWindows } from "../grants/list-grant-windows";
import { surfaceCounts } from "./drift-queries";
import { chartWindow, sparklineWindow, type DriftRange } from "./drift-range";
import { distanceFrom, driftPoints, toBaselineView, type BaselineView, type DriftPoint } from "./series";
import { DriftOverviewInput, DriftSeriesInput } from "./schemas";
import { loadBaselines } from "./stream-store";
import type { WatchedOutcome } from "./stream-key";

type Baselines = Record<WatchedOutcome, BaselineView | null>;

export type SurfaceOverview = {
  surface: string;
  n: number;
  deny: number;
  silence: number;
  baselines: Baselines;
  /** Signed −log10 p of the window against the baseline (lib/core/drift baselineDistance), per outcome. */
  distance: Record<WatchedOutcome, number>;
  /** The larger of the two: how the overview is sorted. */
  score: number;
  openAlerts: Array<{ id: string; outcome: string | null; state: string; severity: string }>;
  sparkline: DriftPoint[];
};

export type DriftOverview = { range: DriftRange; from: string; to: string; sparklineBucketMs: number; surfaces: SurfaceOverview[]; generatedAt: string };

export type AlertPeriod = { id: string; outcome: string | null; state: string; severity: string; from: number; firedAt: number | null; to: number | null };
export type GrantPeriod = { id: string; operator: string; from: number; to: number };

export type DriftSeries = {
  surface: string;
  range: DriftRange;
  from: number;
  to: number;
  bucketMs: number;
  points: DriftPoint[];
  baselines: Baselines;
  alerts: AlertPeriod[];
  grants: GrantPeriod[];
  totals: { n: number; deny: number; silence: number };
  generatedAt: string;
};

async function baselinesBySurface(ctx: Ctx, surface?: string): Promise<Map<string, Baselines>> {
  const map = new Map<string, Baselines>();
  for (const stream of (await loadBaselines(ctx.db, surface)).values()) {
    const entry = map.get(stream.surface) ?? { DENY: null, SILENCE: null };
    entry[stream.outcome] = stream.baseline ? toBaselineView(stream.baseline) : null;
    map.set(stream.surface, entry);
  }
  return map;
}

/**
 * Every surface over a range, from the rollups: volume, DENY and SILENCE counts, the baselines,
 * the distance from them (sorted by it, most surprising first), open alerts and a sparkline.
 */
export async function getDriftOverview(ctx: Ctx, rawInput: DriftOverviewInput = {}): Promise<DriftOverview> {
  requireRole(ctx, "oncall", "auditor", "admin");
  const input = parseInput(DriftOverviewInput, rawInput);
  const window = sparklineWindow(input.range, (input.end ?? ctx.now).getTime());
  const [rows, baselines, open] = [
    await surfaceCounts(ctx.db, window),
    await baselinesBySurface(ctx),
    await ctx.db.select({ id: alerts.id, surface: alerts.surface, outcome: alerts.outcome, state: alerts.state, severity: alerts.severity }).from(alerts).where(and(eq(alerts.kind, "outcome_rate"), or(eq(alerts.state, "pending"), eq(alerts.state, "firing")))),
  ];
  const surfaces = [...new Set([...rows.map((r) => r.surface), ...open.flatMap((a) => (a.surface ? [a.surface] : []))])];
  const items = surfaces.map((surface): SurfaceOverview => {
    const mine = rows.filter((r) => r.surface === surface);
    const totals = mine.reduce((t, r) => ({ n: t.n + r.n, deny: t.deny + r.deny, silence: t.silence + r.silence }), { n: 0, deny: 0, silence: 0 });
    const b = baselines.get(surface) ?? { DENY: null, SILENCE: null };
    // Distance only from a baseline that is ready: a learning one has too little history to be surprised by.
    const ready = (view: BaselineView | null | undefined) => (view?.status === "ready" ? view.rate : null);
    const distance = { DENY: distanceFrom(totals.deny, totals.n, ready(b.DENY)), SILENCE: distanceFrom(totals.silence, totals.n, ready(b.SILENCE)) };
    return {
      surface,
      ...totals,
      baselines: b,
      distance,
      score: Math.max(distance.DENY, distance.SILENCE),
      openAlerts: open.filter((a) => a.surface === surface).map(({ id, outcome, state, severity }) => ({ id, outcome, state, severity })),
      sparkline: driftPoints(mine, window, b),
    };
  });
  items.sort((a, b) => b.openAlerts.length - a.openAlerts.length || b.score - a.score || b.n - a.n || a.surface.localeCompare(b.surface));
  return { range: input.range, from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString(), sparklineBucketMs: window.bucketMs, surfaces: items, generatedAt: ctx.now.toISOString() };
}

/** One surface's chart: DENY % and SILENCE % per bucket with Wilson intervals, the baseline band, volume, alert periods and break-glass windows. */
export async function getDriftSeries(ctx: Ctx, rawInput: DriftSeriesInput): Promise<DriftSeries> {
  requireRole(ctx, "oncall", "auditor", "admin");
  const input = parseInput(DriftSeriesInput, rawInput);
  const window = chartWindow(input.range, (input.end ?? ctx.now).getTime());
  const from = new Date(window.from);
  const to = new Date(window.to);
  const rows = await surfaceCounts(ctx.db, { ...window, surface: input.surface });
  const baselines = (await baselinesBySurface(ctx, input.surface)).get(input.surface) ?? { DENY: null, SILENCE: null };
  const periods = await ctx.db
    .select()
    .from(alerts)
    .where(and(eq(alerts.kind, "outcome_rate"), eq(alerts.surface, input.surface), lt(alerts.startsAt, to), or(isNull(alerts.resolvedAt), gt(alerts.resolvedAt, from))));
  const grants = (await listGrantWindows(ctx, { from, to })).filter((g) => g.surfaces.includes(WILDCARD) || g.surfaces.includes(input.surface));
  const points = driftPoints(rows, window, baselines);
  return {
    surface: input.surface,
    range: input.range,
    from: window.from,
    to: window.to,
    bucketMs: window.bucketMs,
    points,
    baselines,
    alerts: periods.map((a) => ({ id: a.id, outcome: a.outcome, state: a.state, severity: a.severity, from: a.startsAt.getTime(), firedAt: a.firedAt?.getTime() ?? null, to: a.resolvedAt?.getTime() ?? null })),
    grants: grants.map((g) => ({ id: g.id, operator: g.operator, from: Date.parse(g.start), to: Date.parse(g.end) })),
    totals: { n: points.reduce((s, p) => s + p.n, 0), deny: points.reduce((s, p) => s + p.DENY.k, 0), silence: points.reduce((s, p) => s + p.SILENCE.k, 0) },
    generatedAt: ctx.now.toISOString(),
  };
}

