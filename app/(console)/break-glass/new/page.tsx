import Link from "next/link";
import { RequestGrantForm } from "@/components/grants/request-grant-form";
import { PageHeader } from "@/components/ui/card";
import { pageContext } from "@/lib/server/auth/page-actor";
import { grantSettings } from "@/lib/server/grants";

export const metadata = { title: "Request a break-glass grant" };

export default async function RequestGrantPage() {
  const ctx = await pageContext(["admin", "oncall"]);
  const { maxDurationSeconds, requiredApprovals, pendingTtlSeconds, allowWildcards } = grantSettings().policy;
  return (
    <>
      <PageHeader title="Request a grant" description="Ask for a short, scoped override. Someone else approves it; every use is recorded and alerted." actions={<Link className="text-sm text-indigo-700 underline" href="/break-glass">Back to all grants</Link>} />
      <RequestGrantForm policy={{ maxDurationSeconds, requiredApprovals, pendingTtlSeconds, allowWildcards }} defaultOperator={ctx.actor.type === "user" ? ctx.actor.email : ""} />
    </>
  );
}
