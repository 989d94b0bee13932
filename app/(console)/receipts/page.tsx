import Link from "next/link";
import { ReceiptExplorer } from "@/components/receipts/receipt-explorer";
import { RECEIPT_FILTER_KEYS, type ReceiptFilters } from "@/components/receipts/receipt-filter-keys";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { pageContext } from "@/lib/server/auth/page-actor";
import { AppError } from "@/lib/server/errors";
import { listIssuers } from "@/lib/server/issuers";
import { listReceipts, type ListReceiptsInput } from "@/lib/server/receipts";

export const metadata = { title: "Receipts" };

export default async function ReceiptsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await pageContext(["auditor", "oncall", "admin"]);
  const params = await searchParams;
  const filters: ReceiptFilters = Object.fromEntries(RECEIPT_FILTER_KEYS.flatMap((key) => (params[key] ? [[key, params[key]]] : [])));
  const header = (
    <PageHeader
      title="Receipts"
      description="Every signed decision receipt the gates sent, with the verdict the console's verifier gave it. Filters live in the URL: share it."
    />
  );
  const loaded = await Promise.all([listReceipts(ctx, filters as ListReceiptsInput), listIssuers(ctx)]).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "VALIDATION") return error;
    throw error;
  });
  if (loaded instanceof AppError) {
    return (
      <>
        {header}
        <Alert tone="error" title="These filters are not valid">{loaded.message} <Link className="underline" href="/receipts">Clear the filters</Link>.</Alert>
      </>
    );
  }
  const [page, issuers] = loaded;
  return (
    <>
      {header}
      <ReceiptExplorer initial={page} filters={filters} issuers={issuers.map((i) => i.iss)} />
    </>
  );
}
