import { Alert } from "@/components/ui/alert";
import type { KeyChangeResult } from "@/lib/server/issuers";

/** What a key change did: the keys now registered, keys of other issuers left out, receipts verified again. */
export function KeyChangeSummary({ verb, result }: { verb: string; result: KeyChangeResult }) {
  const { issuer, skipped, reverified } = result;
  return (
    <Alert tone="success" title={`${verb} ${issuer.iss}: ${issuer.keys.length} key(s)`}>
      {skipped.length > 0 ? <p>Left out {skipped.length} key(s) of other issuers ({[...new Set(skipped.map((s) => s.iss))].join(", ")}).</p> : null}
      {reverified.checked > 0 ? <p>Verified {reverified.checked} stored receipt(s) again; {reverified.changed} changed verdict.</p> : null}
    </Alert>
  );
}
