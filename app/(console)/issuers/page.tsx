import { IssuersAdmin } from "@/components/issuers/issuers-admin";
import { PageHeader } from "@/components/ui/card";
import { pageContext } from "@/lib/server/auth/page-actor";
import { getPublicVerification, listIssuers } from "@/lib/server/issuers";

export const metadata = { title: "Issuers" };

export default async function IssuersPage() {
  const ctx = await pageContext(["auditor", "oncall", "admin"]);
  const [issuers, publicVerification] = await Promise.all([listIssuers(ctx), getPublicVerification(ctx)]);
  const canManage = ctx.actor.type === "user" && ctx.actor.roles.includes("admin");
  return (
    <>
      <PageHeader title="Issuers" description="The gates whose receipts this console verifies, and their public keys: kid, algorithm, RFC 7638 thumbprint, validity and revocation." />
      <IssuersAdmin initial={issuers} canManage={canManage} publicVerification={publicVerification.enabled} />
    </>
  );
}
