import { formatCount, formatDuration, formatPValue, formatPercent } from "@/components/drift/format";
import type { AlertView } from "@/lib/server/alerts";

type RateEvidence = {
  rule: "cusum" | "absolute";
  k: number;
  n: number;
  window: { from: number; to: number } | null;
  observedRate: number | null;
  baselineRate: number;
  referenceRate: number;
  shiftRate: number;
  interval: [number, number];
  cusum: number | null;
  threshold: number | null;
  pValue: number;
  severity: string;
  sensitivity?: string;
  baseline?: { status: string; trials: number; trialsPerDay: number };
};

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function RateEvidenceList({ e }: { e: RateEvidence }) {
  return (
    <dl className="grid grid-cols-[12rem_1fr] gap-x-4 gap-y-1.5 text-sm" aria-label="Evidence">
      <Row label="Observed">{e.k} of {formatCount(e.n)} = {formatPercent(e.observedRate)}</Row>
      <Row label="95 % interval (Wilson)">{formatPercent(e.interval[0])} – {formatPercent(e.interval[1])}</Row>
      <Row label="Baseline">{formatPercent(e.baselineRate)}{e.baseline ? ` (${e.baseline.status}, ${formatCount(e.baseline.trials)} decisions, ${formatCount(Math.round(e.baseline.trialsPerDay))}/day)` : ""}</Row>
      <Row label="Tested against (p₀)">{formatPercent(e.referenceRate)}</Row>
      <Row label="Shift detected (p₁)">{formatPercent(e.shiftRate)}</Row>
      <Row label={e.rule === "cusum" ? "CUSUM S / threshold h" : "Rule"}>{e.rule === "cusum" && e.cusum !== null && e.threshold !== null ? `${e.cusum.toFixed(1)} / ${e.threshold.toFixed(1)}` : "absolute rule (baseline still learning)"}</Row>
      <Row label="Exact binomial p-value">{formatPValue(e.pValue)}</Row>
      <Row label="Evidence window">{e.window ? `${new Date(e.window.from).toISOString().slice(0, 16).replace("T", " ")} – ${new Date(e.window.to).toISOString().slice(11, 16)} UTC (${formatDuration(e.window.to - e.window.from)})` : "—"}</Row>
      {e.sensitivity ? <Row label="Sensitivity">{e.sensitivity}</Row> : null}
    </dl>
  );
}

function value(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (Array.isArray(v)) return v.join(", ") || "—";
  if (typeof v === "object") return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${String(x)}`).join(", ");
  return String(v);
}

/** The numbers behind an alert: for a rate shift k/n, interval, baseline, CUSUM and p-value; otherwise its recorded facts. */
export function AlertEvidence({ alert, evidence = alert.evidence }: { alert: Pick<AlertView, "kind" | "evidence">; evidence?: Record<string, unknown> }) {
  if (alert.kind === "outcome_rate" && typeof evidence.k === "number") return <RateEvidenceList e={evidence as unknown as RateEvidence} />;
  return (
    <dl className="grid grid-cols-[12rem_1fr] gap-x-4 gap-y-1.5 text-sm" aria-label="Evidence">
      {Object.entries(evidence).map(([key, v]) => (
        <Row key={key} label={key}>{value(v)}</Row>
      ))}
    </dl>
  );
}
