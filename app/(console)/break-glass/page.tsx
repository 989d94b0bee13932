import Link from "next/link";
import { GrantsList } from "@/components/grants/grants-list";
import { PageHeader } from "@/components/ui/card";
import { pageContext } from "@/lib/server/auth/page-actor";
import { listGrants } from "@/lib/server/grants";

export const metadata = { title: "Break-glass grants" };

export default async function BreakGlassPage() {
  const ctx = await pageContext(["admin", "oncall", "auditor"]);
  const { items } = await listGrants(ctx, { limit: 500 });
  const canRequest = ctx.actor.type === "user" && ctx.actor.roles.some((role) => role === "admin" || role === "oncall");
  return (
    <>
      <PageHeader
        title="Break-glass grants"
        description="Time-bounded overrides of the gates' policy: requested, approved by another admin, signed, published to gates, revocable, and every use recorded."
        actions={canRequest ? <Link href="/break-glass/new" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">Request a grant</Link> : null}
      />
      <GrantsList initial={items} />
    </>
  );
}
