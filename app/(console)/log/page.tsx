import Link from "next/link";
import { CheckpointHistory } from "@/components/log/checkpoint-history";
import { GrowthChart } from "@/components/log/growth-chart";
import { TextBlock } from "@/components/log/text-block";
import { Card, PageHeader } from "@/components/ui/card";
import { hasAnyRole } from "@/lib/core/accounts";
import { pageContext } from "@/lib/server/auth/page-actor";
import { GROWTH_RANGES, getLogGrowth, getLogOverview, getLogSigner, listCheckpoints } from "@/lib/server/tlog";

export const metadata = { title: "Transparency log" };

const RANGE_LABELS: Record<(typeof GROWTH_RANGES)[number], string> = { "24h": "24 hours", "7d": "7 days", "30d": "30 days", "365d": "1 year" };
const RANGE_MS: Record<(typeof GROWTH_RANGES)[number], number> = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000, "365d": 365 * 86_400_000 };

function Stat({ label, value, detail, text = false }: { label: string; value: string; detail?: string; text?: boolean }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className={text ? "mt-1 break-all font-mono text-base text-slate-900" : "mt-1 text-2xl font-semibold tabular-nums text-slate-900"}>{value}</dd>
      {detail ? <dd className="text-xs text-slate-600">{detail}</dd> : null}
    </div>
  );
}

export default async function LogPage({ searchParams }: { searchParams: Promise<{ range?: string }> }) {
  const ctx = await pageContext(["auditor", "oncall", "admin"]);
  const requested = (await searchParams).range;
  const range = GROWTH_RANGES.find((r) => r === requested) ?? "7d";
  const log = await getLogSigner();
  const [overview, growth, history] = await Promise.all([getLogOverview(ctx, log), getLogGrowth(ctx, log, { range }), listCheckpoints(ctx, log, { limit: "50" })]);
  const canExport = ctx.actor.type === "user" && hasAnyRole(ctx.actor.roles, ["auditor", "admin"]);
  const latest = overview.latest;
  return (
    <>
      <PageHeader
        title="Transparency log"
        description="Every receipt the console stored, in an append-only Merkle tree (RFC 9162) whose heads the console signs. With the log key alone anyone can check that a receipt is in it and that its history was never rewritten."
        actions={canExport ? <Link className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700" href="/log/bundle">Export an evidence bundle</Link> : null}
      />
      <div className="space-y-6">
        <Card>
          <dl className="grid gap-6 sm:grid-cols-3">
            <Stat label="Entries" value={overview.size.toLocaleString("en-US")} detail={overview.pending > 0 ? `${overview.pending} stored receipts being appended` : "every stored receipt is in the log"} />
            <Stat label="Latest checkpoint" value={latest ? latest.size.toLocaleString("en-US") : "—"} detail={latest ? `signed ${new Date(latest.issuedAt).toLocaleString()}` : "not signed yet"} />
            <Stat label="Origin" value={overview.origin} detail="the first line of every checkpoint" text />
          </dl>
        </Card>
        <div className="grid gap-6 xl:grid-cols-2">
          <Card title="Log key" description="Pin this verifier key once, out of band: every checkpoint and proof is checked against it. Also served at /api/v1/log/vkey.">
            <TextBlock label="Log key" text={overview.vkey} fileName="countersign-log.vkey" />
            {overview.otherKeyCheckpoints > 0 ? <p className="mt-2 text-xs text-amber-800">{overview.otherKeyCheckpoints} earlier checkpoints were signed by another key: the log key was changed.</p> : null}
          </Card>
          <Card title="Latest checkpoint" description="The signed tree head (C2SP tlog-checkpoint), as served at /api/v1/log/checkpoint.">
            {latest ? <TextBlock label="Checkpoint" text={latest.note} fileName={`checkpoint-${latest.size}.note`} /> : <p className="text-sm text-slate-700">The first checkpoint is signed within seconds.</p>}
          </Card>
        </div>
        <Card
          title="Growth"
          description="Entries at each signed checkpoint."
          actions={
            <nav aria-label="Time range" className="flex gap-1 text-sm">
              {GROWTH_RANGES.map((r) => (
                <Link key={r} href={`/log?range=${r}`} aria-current={r === range ? "page" : undefined} className={`rounded px-2 py-1 ${r === range ? "bg-indigo-50 font-medium text-indigo-800" : "text-slate-700 hover:bg-slate-100"}`}>
                  {RANGE_LABELS[r]}
                </Link>
              ))}
            </nav>
          }
        >
          {growth.length === 0 ? <p className="text-sm text-slate-700">No checkpoint was signed in this range.</p> : <GrowthChart points={growth} from={ctx.now.getTime() - RANGE_MS[range]} to={ctx.now.getTime()} />}
        </Card>
        <CheckpointHistory initial={history} vkey={overview.vkey} />
        <Card title="Verify it yourself">
          <p className="text-sm text-slate-700">
            Watch this log from cron with <code className="font-mono text-xs">countersign log monitor --state monitor.json {"<console URL>"}</code>: it verifies each new checkpoint and that it extends the last one seen. See docs/transparency-log.md.
          </p>
        </Card>
      </div>
    </>
  );
}
