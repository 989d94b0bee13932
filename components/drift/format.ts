// Display helpers shared by the drift and alert views (pure: no data is computed here).

/** A rate as a percentage with sensible precision ("0.25 %", "2.0 %", "40.0 %"); "—" for none. */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return "—";
  const value = rate * 100;
  return `${value.toFixed(value !== 0 && value < 1 ? 2 : 1)} %`;
}

/** A compact count: 1,234 / 12.3k / 4.5M. */
export function formatCount(n: number): string {
  if (n < 10_000) return n.toLocaleString("en-US");
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** A p-value the way a person reads it. */
export function formatPValue(p: number): string {
  if (p === 0) return "< 1e-300";
  if (p < 0.001) return p.toExponential(1);
  return p.toPrecision(2);
}

/** A time for an axis or a table: clock time within a day, date and time beyond. */
export function formatTime(ms: number, withDate: boolean): string {
  const d = new Date(ms);
  const time = d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  if (!withDate) return time;
  return `${d.toLocaleDateString("en-GB", { day: "numeric", month: "short" })} ${time}`;
}

/** A duration in words: "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h${m % 60 ? ` ${m % 60} min` : ""}`;
  return `${Math.floor(h / 24)} d${h % 24 ? ` ${h % 24} h` : ""}`;
}
