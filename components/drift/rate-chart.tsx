"use client";

import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { AlertPeriod, DriftPoint, GrantPeriod } from "@/lib/server/drift";
import { formatCount, formatPercent, formatTime } from "./format";

type Outcome = "DENY" | "SILENCE";

const COLORS: Record<Outcome, string> = { DENY: "#dc2626", SILENCE: "#d97706" };

type Row = { start: number; n: number; k: number; rate: number | null; interval: [number, number] | null; band: [number, number] | null; baseline: number | null };

export type RateChartProps = {
  outcome: Outcome;
  points: DriftPoint[];
  baselineRate: number | null;
  from: number;
  to: number;
  bucketMs: number;
  alerts: AlertPeriod[];
  grants: GrantPeriod[];
  selected: number | null;
  onSelect(start: number): void;
};

const pct = (x: number) => Math.round(x * 10_000) / 100;

/** The top of the y axis: the first of 5, 10, 20, 50, 100 % above the highest value drawn. */
function niceMax(max: number): number {
  return [5, 10, 20, 50, 100].find((top) => top >= max * 1.05) ?? 100;
}

function rows(points: DriftPoint[], outcome: Outcome, baselineRate: number | null): Row[] {
  return points.map((p) => {
    const o = p[outcome];
    return {
      start: p.start,
      n: p.n,
      k: o.k,
      rate: o.rate === null ? null : pct(o.rate),
      interval: o.rate === null ? null : [pct(o.interval[0]), pct(o.interval[1])],
      band: o.band ? [pct(o.band[0]), pct(o.band[1])] : null,
      baseline: baselineRate === null ? null : pct(baselineRate),
    };
  });
}

function BucketTooltip({ active, payload, bucketMs, outcome }: TooltipContentProps<number, string> & { bucketMs: number; outcome: Outcome }) {
  const row = payload?.[0]?.payload as Row | undefined;
  if (!active || !row) return null;
  const withDate = bucketMs >= 3_600_000;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow">
      <p className="font-medium">{formatTime(row.start, withDate)} – {formatTime(row.start + bucketMs, withDate)}</p>
      <p>{outcome}: {row.k} of {formatCount(row.n)} {row.rate === null ? "(no decisions)" : `= ${row.rate} %`}</p>
      {row.interval ? <p className="text-slate-600">95 % interval {row.interval[0]}–{row.interval[1]} %</p> : null}
      {row.band ? <p className="text-slate-600">expected at baseline: {row.band[0]}–{row.band[1]} %</p> : null}
      <p className="mt-1 text-slate-500">Click to see the decisions</p>
    </div>
  );
}

type DotProps = { cx?: number; cy?: number; index?: number };

/**
 * Dense charts draw no dots, but a bucket with decisions between two without any would then be
 * drawn as nothing at all (a line needs two points): those get a dot.
 */
function isolatedDot({ cx, cy, index = -1 }: DotProps, data: Row[], color: string) {
  const isolated = data[index]?.rate != null && data[index - 1]?.rate == null && data[index + 1]?.rate == null;
  return isolated && cx !== undefined && cy !== undefined ? <circle key={index} cx={cx} cy={cy} r={2.5} fill={color} /> : <g key={index} />;
}

/** DENY % or SILENCE % per bucket: the observed rate (its Wilson interval in the tooltip), the baseline and its band, alert periods and break-glass windows. */
export function RateChart({ outcome, points, baselineRate, from, to, bucketMs, alerts, grants, selected, onSelect }: RateChartProps) {
  const data = rows(points, outcome, baselineRate);
  const color = COLORS[outcome];
  const withDate = to - from > 86_400_000;
  const clamp = (t: number) => Math.min(to, Math.max(from, t));
  return (
    <figure className="h-56">
      <figcaption className="sr-only">{`${outcome} rate per ${Math.round(bucketMs / 60_000)}-minute bucket, with the baseline (${formatPercent(baselineRate)}), its band and alert periods; the list of recent buckets below has the same numbers.`}</figcaption>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={data}
          syncId="drift"
          margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
          onClick={(state) => {
            const index = typeof state?.activeIndex === "number" ? state.activeIndex : Number(state?.activeIndex);
            const row = Number.isInteger(index) ? data[index] : undefined;
            if (row) onSelect(row.start);
          }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="start" type="number" scale="time" domain={[from, to]} tickFormatter={(t: number) => formatTime(t, withDate)} tick={{ fontSize: 11 }} minTickGap={40} />
          <YAxis unit=" %" width={56} tick={{ fontSize: 11 }} domain={[0, niceMax]} allowDecimals={false} />
          {grants.map((g) => (
            <ReferenceArea key={`grant-${g.id}`} x1={clamp(g.from)} x2={clamp(g.to)} fill="#ddd6fe" fillOpacity={0.5} ifOverflow="hidden" label={{ value: "break-glass", position: "insideTopLeft", fontSize: 10, fill: "#6d28d9" }} />
          ))}
          {alerts
            .filter((a) => a.outcome === outcome)
            .map((a) => (
              <ReferenceArea key={`alert-${a.id}`} x1={clamp(a.from)} x2={clamp(a.to ?? to)} fill={a.firedAt ? "#fca5a5" : "#fde68a"} fillOpacity={0.35} ifOverflow="hidden" label={{ value: a.firedAt ? "alert" : "pending", position: "insideTopRight", fontSize: 10, fill: "#991b1b" }} />
            ))}
          {selected !== null ? <ReferenceArea x1={selected} x2={selected + bucketMs} fill="#6366f1" fillOpacity={0.15} /> : null}
          <Area dataKey="band" stroke="none" fill="#cbd5e1" fillOpacity={0.7} isAnimationActive={false} name="expected at baseline" />
          <Line dataKey="baseline" stroke="#475569" strokeDasharray="5 4" dot={false} isAnimationActive={false} name="baseline" />
          <Line dataKey="rate" stroke={color} strokeWidth={2} dot={data.length <= 72 ? { r: 2 } : (props: DotProps) => isolatedDot(props, data, color)} connectNulls={false} isAnimationActive={false} name={`${outcome} %`} />
          <Tooltip content={(props) => <BucketTooltip {...(props as TooltipContentProps<number, string>)} bucketMs={bucketMs} outcome={outcome} />} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
