import { AuditTrail, type AuditRow } from "@/components/audit/audit-trail";
import { PageHeader } from "@/components/ui/card";
import { listAudit } from "@/lib/server/audit";
import { pageContext } from "@/lib/server/auth/page-actor";

export const metadata = { title: "Audit trail" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await pageContext(["admin", "auditor"]);
  const { action, actor, from, to } = await searchParams;
  const page = await listAudit(ctx, { action, actor, from, to });
  const initial = { ...page, items: page.items.map((row) => ({ ...row, at: row.at.toISOString() }) as AuditRow) };
  return (
    <>
      <PageHeader title="Audit trail" description="Every security-relevant console action — sign-ins, accounts, API and ingest tokens, issuer keys, break-glass steps, alert actions — append-only and hash-chained." />
      <AuditTrail initial={initial} />
    </>
  );
}
