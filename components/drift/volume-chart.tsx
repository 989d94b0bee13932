"use client";

import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DriftPoint } from "@/lib/server/drift";
import { formatCount, formatTime } from "./format";

/** Decisions per bucket, under the rate charts (same time axis, synchronized tooltip). */
export function VolumeChart({ points, from, to, bucketMs, onSelect }: { points: DriftPoint[]; from: number; to: number; bucketMs: number; onSelect(start: number): void }) {
  const data = points.map((p) => ({ start: p.start, n: p.n }));
  const withDate = to - from > 86_400_000;
  return (
    <figure className="h-28">
      <figcaption className="sr-only">{`Decisions per ${Math.round(bucketMs / 60_000)}-minute bucket`}</figcaption>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          syncId="drift"
          margin={{ top: 4, right: 12, bottom: 0, left: 0 }}
          onClick={(state) => {
            const row = typeof state?.activeIndex === "number" ? data[state.activeIndex] : undefined;
            if (row) onSelect(row.start);
          }}
        >
          <XAxis dataKey="start" type="number" scale="time" domain={[from, to]} tickFormatter={(t: number) => formatTime(t, withDate)} tick={{ fontSize: 11 }} minTickGap={40} />
          <YAxis width={56} tick={{ fontSize: 11 }} tickFormatter={(n: number) => formatCount(n)} allowDecimals={false} />
          <Bar dataKey="n" fill="#94a3b8" isAnimationActive={false} name="decisions" />
          <Tooltip labelFormatter={(t) => formatTime(Number(t), withDate)} formatter={(n) => [formatCount(Number(n)), "decisions"]} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
