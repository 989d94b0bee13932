"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { GrowthPoint } from "@/lib/server/tlog";

const time = (ms: number, withDate: boolean) => {
  const d = new Date(ms);
  const clock = d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  return withDate ? `${d.toLocaleDateString("en-GB", { day: "numeric", month: "short" })} ${clock}` : clock;
};

/** The log's size over time, one step per time bucket, from its growth checkpoints. */
export function GrowthChart({ points, from, to }: { points: GrowthPoint[]; from: number; to: number }) {
  const data = points.map((p) => ({ t: Date.parse(p.t), size: p.size }));
  if (data.length > 0) data.push({ t: to, size: data[data.length - 1]!.size });
  const withDate = to - from > 86_400_000;
  return (
    <div className="h-56" role="img" aria-label={`Log size over time: ${points.length ? `${points[points.length - 1]!.size} entries at the latest checkpoint` : "no checkpoints in this range"}`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={[from, to]} tickFormatter={(t: number) => time(t, withDate)} tick={{ fontSize: 11 }} minTickGap={40} />
          <YAxis width={64} tick={{ fontSize: 11 }} allowDecimals={false} tickFormatter={(n: number) => n.toLocaleString("en-US")} />
          <Line type="stepAfter" dataKey="size" stroke="#4f46e5" strokeWidth={2} dot={false} isAnimationActive={false} name="entries" />
          <Tooltip labelFormatter={(t) => time(Number(t), true)} formatter={(n) => [Number(n).toLocaleString("en-US"), "entries"]} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
