import Link from "next/link";
import { GrantDetailView } from "@/components/grants/grant-detail-view";
import { GrantStateBadge } from "@/components/grants/grant-state-badge";
import { PageHeader } from "@/components/ui/card";
import { pageContext } from "@/lib/server/auth/page-actor";
import { getGrant } from "@/lib/server/grants";

export const metadata = { title: "Break-glass grant" };

export default async function GrantPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await pageContext(["admin", "oncall", "auditor"]);
  const grant = await getGrant(ctx, (await params).id);
  return (
    <>
      <PageHeader
        title={`Grant for ${grant.operator}`}
        description={<><GrantStateBadge state={grant.state} /> {grant.scope.surfaces.join(", ")} · {grant.scope.actions.join(", ")}</>}
        actions={<Link className="text-sm text-indigo-700 underline" href="/break-glass">Back to all grants</Link>}
      />
      <GrantDetailView initial={grant} />
    </>
  );
}
