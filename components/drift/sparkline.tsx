"use client";

import { Line, LineChart, ReferenceLine, YAxis } from "recharts";
import type { DriftPoint } from "@/lib/server/drift";

/** A tiny DENY-rate line with the baseline as a reference; decorative (the table has the numbers). */
export function Sparkline({ points, baselineRate, outcome = "DENY" }: { points: DriftPoint[]; baselineRate: number | null; outcome?: "DENY" | "SILENCE" }) {
  const data = points.map((p) => ({ start: p.start, rate: p[outcome].rate }));
  return (
    <div aria-hidden="true">
      <LineChart width={120} height={28} data={data} margin={{ top: 2, right: 2, bottom: 2, left: 2 }} accessibilityLayer={false}>
        <YAxis hide domain={[0, (max: number) => Math.max(max, (baselineRate ?? 0) * 2, 0.05)]} />
        {baselineRate !== null ? <ReferenceLine y={baselineRate} stroke="#94a3b8" strokeDasharray="3 3" /> : null}
        <Line dataKey="rate" stroke={outcome === "DENY" ? "#dc2626" : "#d97706"} strokeWidth={1.5} dot={false} connectNulls={false} isAnimationActive={false} />
      </LineChart>
    </div>
  );
}
