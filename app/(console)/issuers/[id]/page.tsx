import Link from "next/link";
import { IssuerDetail } from "@/components/issuers/issuer-detail";
import { PageHeader } from "@/components/ui/card";
import { pageContext } from "@/lib/server/auth/page-actor";
import { getIssuer } from "@/lib/server/issuers";

export const metadata = { title: "Issuer" };

export default async function IssuerPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await pageContext(["auditor", "oncall", "admin"]);
  const issuer = await getIssuer(ctx, (await params).id);
  const canManage = ctx.actor.type === "user" && ctx.actor.roles.includes("admin");
  return (
    <>
      <PageHeader
        title={`Issuer ${issuer.iss}`}
        description={issuer.name || "Its receipts are verified with the keys below."}
        actions={
          <div className="flex gap-4 text-sm">
            <Link className="text-indigo-700 underline" href={`/receipts?issuer=${encodeURIComponent(issuer.iss)}`}>Its receipts</Link>
            <Link className="text-indigo-700 underline" href="/issuers">All issuers</Link>
          </div>
        }
      />
      <IssuerDetail initial={issuer} canManage={canManage} />
    </>
  );
}
