import { SourcesAdmin } from "@/components/sources/sources-admin";
import { PageHeader } from "@/components/ui/card";
import { pageContext } from "@/lib/server/auth/page-actor";
import { getConfig } from "@/lib/server/config";
import { listSources } from "@/lib/server/sources";

export const metadata = { title: "Sources" };

export default async function SourcesPage() {
  const ctx = await pageContext(["admin", "oncall", "auditor"]);
  const sources = await listSources(ctx);
  const canManage = ctx.actor.type === "user" && ctx.actor.roles.includes("admin");
  return (
    <>
      <PageHeader title="Sources" description="Gates and Collectors that send decision events and receipts, each with its own revocable ingest token." />
      <SourcesAdmin initial={sources} canManage={canManage} consoleUrl={getConfig().publicUrl} />
    </>
  );
}
