import Link from "next/link";
import { BundleExport } from "@/components/log/bundle-export";
import { RECEIPT_FILTER_KEYS, type ReceiptFilters } from "@/components/receipts/receipt-filter-keys";
import { ReceiptFiltersForm } from "@/components/receipts/receipt-filters";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { pageContext } from "@/lib/server/auth/page-actor";
import { AppError } from "@/lib/server/errors";
import { listIssuers } from "@/lib/server/issuers";
import { previewEvidenceBundle, type BundleSelectionInput } from "@/lib/server/tlog";

export const metadata = { title: "Export an evidence bundle" };

export default async function BundlePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await pageContext(["auditor", "admin"]);
  const params = await searchParams;
  const filters: ReceiptFilters = Object.fromEntries(RECEIPT_FILTER_KEYS.flatMap((key) => (params[key] ? [[key, params[key]]] : [])));
  const header = (
    <PageHeader
      title="Export an evidence bundle"
      description="Select receipts with the explorer's filters (or by id), then export them with their log inclusion proofs, the issuers' keys and the log key: one file an auditor verifies offline, without this console."
      actions={<Link className="text-sm text-indigo-700 underline" href="/log">Back to the log</Link>}
    />
  );
  const loaded = await Promise.all([previewEvidenceBundle(ctx, filters as BundleSelectionInput), listIssuers(ctx)]).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "VALIDATION") return error;
    throw error;
  });
  if (loaded instanceof AppError) {
    return (
      <>
        {header}
        <Alert tone="error" title="These filters are not valid">{loaded.message} <Link className="underline" href="/log/bundle">Clear the filters</Link>.</Alert>
      </>
    );
  }
  const [preview, issuers] = loaded;
  const query = new URLSearchParams(Object.entries(filters) as Array<[string, string]>).toString();
  return (
    <>
      {header}
      <div className="space-y-6">
        <Card title="Selection">
          <ReceiptFiltersForm filters={filters} issuers={issuers.map((i) => i.iss)} />
          <p className="mt-4 text-sm text-slate-700" role="status">
            <strong className="tabular-nums">{preview.receipts.toLocaleString("en-US")}</strong> receipts in the log match
            {preview.pending > 0 ? ` (${preview.pending} more are being appended and will be included)` : ""}. <Link className="text-indigo-700 underline" href={`/receipts?${query}`}>See them in the explorer</Link>.
          </p>
        </Card>
        <BundleExport filters={filters} matching={preview.receipts + preview.pending} />
        <Card title="From a script">
          <p className="text-sm text-slate-700">With an API token (auditor or admin), the same export streams to a file:</p>
          <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-3 font-mono text-xs">{`curl -fH "Authorization: Bearer $COUNTERSIGN_TOKEN" \\\n  "$COUNTERSIGN_URL/api/v1/log/bundle${query ? `?${query}` : ""}" -o evidence.jsonl\ncountersign verify-bundle --vkey "$(curl -s $COUNTERSIGN_URL/api/v1/log/vkey)" evidence.jsonl`}</pre>
        </Card>
      </div>
    </>
  );
}
