"use client";

import { DecisionBadge, VerdictBadge } from "@/components/receipts/verdict-badge";
import { Card } from "@/components/ui/card";
import { VERDICT_DESCRIPTIONS } from "@/lib/core/receipts";
import type { VerifiedReceipt } from "./verify-inputs";

const claimed = (payload: Record<string, unknown> | undefined, name: string) => (typeof payload?.[name] === "string" ? (payload[name] as string) : null);

/** One row per receipt: verdict, what it claims, and the key that verified it or the step that failed. */
export function VerifyResults({ results, at }: { results: VerifiedReceipt[]; at: Date }) {
  const valid = results.filter((r) => r.verdict.verdict === "valid").length;
  return (
    <Card title="Results" description={`${results.length} receipt(s): ${valid} valid, ${results.length - valid} not valid. Verified in this browser at ${at.toISOString()}; nothing was sent to a server.`}>
      <ol className="divide-y divide-slate-100" aria-label="Verification results">
        {results.map((result, i) => {
          const { verdict } = result;
          const payload = verdict.payload as Record<string, unknown> | undefined;
          return (
            <li key={i} className="py-3 text-sm" data-verdict={verdict.verdict}>
              <div className="flex flex-wrap items-center gap-2">
                <VerdictBadge verdict={verdict.verdict} />
                <DecisionBadge decision={claimed(payload, "decision")} verified={verdict.verdict === "valid"} />
                <span className="font-medium">{claimed(payload, "iss") ?? "(no iss)"}</span>
                <code className="font-mono text-xs">{claimed(payload, "id") ?? "(no id)"}</code>
                <span className="text-xs text-slate-500">{result.origin}</span>
              </div>
              <p className="mt-1 text-xs text-slate-700">
                {verdict.verdict === "valid"
                  ? `key ${verdict.key.kid} (${verdict.key.alg}), thumbprint ${verdict.key.thumbprint}${verdict.key.issuerPinned ? "" : " — the trust file names no issuer for this key: it vouches for any iss"}`
                  : `step ${verdict.step}: ${verdict.message} (${VERDICT_DESCRIPTIONS[verdict.verdict]}; the content is unverified)`}
              </p>
              {verdict.header || payload ? (
                <details className="mt-1">
                  <summary className="cursor-pointer text-xs text-indigo-700">Decoded header and payload</summary>
                  <pre tabIndex={0} className="mt-1 max-h-72 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs">{JSON.stringify({ header: verdict.header, payload }, null, 2)}</pre>
                </details>
              ) : null}
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
