import { FindingsView } from "@/components/receipts/findings-view";
import { PageHeader } from "@/components/ui/card";
import { pageContext } from "@/lib/server/auth/page-actor";
import { getReceiptFindings } from "@/lib/server/receipts";

export const metadata = { title: "Findings" };

export default async function FindingsPage() {
  const ctx = await pageContext(["auditor", "admin"]);
  const findings = await getReceiptFindings(ctx);
  return (
    <>
      <PageHeader title="Findings" description="What the receipts say about the gates themselves: equivocations, non-deterministic decisions, and keys the console cannot vouch for. The most recent 100 of each." />
      <FindingsView findings={findings} />
    </>
  );
}
