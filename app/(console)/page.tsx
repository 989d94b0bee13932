import Link from "next/link";
import { EvidenceTiles } from "@/components/overview/evidence-tiles";
import { Card, PageHeader } from "@/components/ui/card";
import { pageContext } from "@/lib/server/auth/page-actor";
import { getEvidenceSummary, getOverview } from "@/lib/server/overview";

export const metadata = { title: "Overview" };

function Step({ done, title, children }: { done: boolean; title: string; children: React.ReactNode }) {
  return (
    <li className="flex gap-3">
      <span aria-hidden className={`mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs ${done ? "bg-emerald-600 text-white" : "border border-slate-300 text-slate-400"}`}>
        {done ? "✓" : ""}
      </span>
      <div>
        <p className="font-medium">
          {title} <span className="sr-only">{done ? "(done)" : "(to do)"}</span>
        </p>
        <p className="text-sm text-slate-600">{children}</p>
      </div>
    </li>
  );
}

export default async function OverviewPage() {
  const ctx = await pageContext();
  const [overview, summary] = await Promise.all([getOverview(ctx), getEvidenceSummary(ctx)]);
  const isAdmin = ctx.actor.type === "user" && ctx.actor.roles.includes("admin");
  return (
    <>
      <PageHeader title="Overview" description="countersign keeps independent evidence of what your AI agents' authorization gates decided: decision events, signed receipts, and a tamper-evident log." />
      <EvidenceTiles summary={summary} />
      <div className="grid gap-6 lg:grid-cols-2">
        {isAdmin ? (
          <Card title="Next steps" description="Set the console up for your team.">
            <ol className="space-y-4">
              <Step done={overview.users > 1} title="Invite your team">
                Add auditors, on-call engineers and other admins on the <Link className="text-indigo-700 underline" href="/admin/users">Users</Link> page. {overview.users} active account(s), {overview.admins} admin(s).
              </Step>
              <Step done={overview.myActiveTokens > 0} title="Create an API token for scripts">
                On <Link className="text-indigo-700 underline" href="/account">Account & API tokens</Link>, or with <code className="font-mono text-xs">npx countersign admin token create</code>.
              </Step>
              <Step done={overview.auditEntries > 0} title="Review the audit trail">
                Every sign-in and change is recorded on the hash-chained <Link className="text-indigo-700 underline" href="/audit">audit trail</Link>; verify its chain any time.
              </Step>
            </ol>
          </Card>
        ) : (
          <Card title="Welcome">
            <p className="text-sm text-slate-700">Use the navigation to open what your role covers. Your <Link className="text-indigo-700 underline" href="/account">account page</Link> has API tokens for scripts.</p>
          </Card>
        )}
        <Card title="The console">
          <dl className="grid grid-cols-2 gap-4 text-sm">
            <div><dt className="text-slate-500">Active users</dt><dd className="text-2xl font-semibold">{overview.users}</dd></div>
            <div><dt className="text-slate-500">Audit entries</dt><dd className="text-2xl font-semibold">{overview.auditEntries}</dd></div>
          </dl>
        </Card>
      </div>
    </>
  );
}
