import Link from "next/link";
import type { EvidenceSummary } from "@/lib/server/overview";

type Tone = "neutral" | "bad" | "warn" | "notice";

const TONES: Record<Tone, string> = {
  neutral: "border-slate-200",
  bad: "border-red-300 bg-red-50",
  warn: "border-amber-300 bg-amber-50",
  notice: "border-violet-300 bg-violet-50",
};

const n = (value: number) => value.toLocaleString("en-US");
const share = (part: number, total: number) => (total === 0 ? "—" : `${((100 * part) / total).toFixed(1)} %`);

function Tile({ href, label, value, detail, tone = "neutral" }: { href: string; label: string; value: string; detail: string; tone?: Tone }) {
  return (
    <li>
      <Link href={href} className={`block h-full rounded-lg border bg-white p-4 shadow-sm hover:border-indigo-400 focus-visible:outline-2 focus-visible:outline-indigo-600 ${TONES[tone]}`}>
        <span className="block text-xs font-medium uppercase tracking-wide text-slate-600">{label}</span>
        <span className="mt-1 block text-2xl font-semibold tabular-nums text-slate-900">{value}</span>
        <span className="mt-1 block text-sm text-slate-700">{detail}</span>
      </Link>
    </li>
  );
}

/** The last 24 hours at a glance; each tile opens the page with the details. */
export function EvidenceTiles({ summary }: { summary: EvidenceSummary }) {
  const { decisions, alerts, sources, grants } = summary;
  const alertDetail = [`${n(alerts.unacknowledged)} not acknowledged`, alerts.critical ? `${n(alerts.critical)} critical` : "", alerts.pending ? `${n(alerts.pending)} pending` : ""].filter(Boolean).join(" · ");
  return (
    <ul aria-label="The last 24 hours" className="mb-6 grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
      <Tile href="/drift" label="Decisions, last 24 h" value={n(decisions.total)} detail={`DENY ${n(decisions.deny)} (${share(decisions.deny, decisions.total)}) · SILENCE ${n(decisions.silence)} (${share(decisions.silence, decisions.total)})`} />
      <Tile href="/alerts" label="Firing alerts" value={n(alerts.firing)} detail={alertDetail} tone={alerts.critical ? "bad" : alerts.firing ? "warn" : "neutral"} />
      <Tile
        href="/sources"
        label="Sources"
        value={n(sources.active)}
        detail={sources.quiet ? `${n(sources.quiet)} not seen within their expected interval` : "every source reported within its expected interval"}
        tone={sources.quiet ? "warn" : "neutral"}
      />
      <Tile href="/receipts" label="Receipts that did not verify, 24 h" value={n(summary.receiptsNotValid)} detail="each is kept with its verdict, and in the log" tone={summary.receiptsNotValid ? "bad" : "neutral"} />
      <Tile
        href="/break-glass"
        label="Break-glass grants in force"
        value={n(grants.active)}
        detail={`${n(grants.pending)} awaiting approval · ${n(grants.scheduled)} scheduled`}
        tone={grants.active ? "notice" : "neutral"}
      />
      <Tile href="/log" label="Transparency log" value={n(summary.logSize)} detail="receipts in the signed, append-only log" />
    </ul>
  );
}
