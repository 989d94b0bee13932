"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { api } from "@/lib/client/api";
import { formatTlogProof, fromBase64 } from "@/lib/core/tlog";
import { TextBlock } from "./text-block";
import { checkInclusion, type BrowserCheck, type InclusionProofJson } from "./verify-in-browser";

/**
 * A receipt's place in the transparency log: its index, the inclusion proof against a signed
 * checkpoint, and the proof verified here in the browser from the receipt's own bytes.
 */
export function InclusionPanel({ receiptId, raw, vkey }: { receiptId: string; raw: string; vkey: string }) {
  const proof = useQuery({
    queryKey: ["log-inclusion", receiptId],
    queryFn: async () => {
      const served = await api<InclusionProofJson>(`/api/v1/log/proof/inclusion?receipt=${receiptId}`);
      return { served, check: await checkInclusion(vkey, new TextEncoder().encode(raw), served) };
    },
    // Until the sequencer appended it (about a second after it was stored).
    retry: (count) => count < 30,
    retryDelay: 2000,
  });
  return (
    <Card title="Transparency log" description="Proof that these exact bytes are in the console's append-only log, checked by your browser against the log's signed checkpoint.">
      {proof.isPending ? (
        <p className="text-sm text-slate-700" role="status">Fetching the inclusion proof… (a receipt is appended within seconds of being stored)</p>
      ) : proof.isError ? (
        <Alert tone="warning" title="No inclusion proof yet">{proof.error.message}</Alert>
      ) : (
        <InclusionResult {...proof.data} vkey={vkey} />
      )}
    </Card>
  );
}

function InclusionResult({ served, check, vkey }: { served: InclusionProofJson; check: BrowserCheck; vkey: string }) {
  const tlogProof = formatTlogProof({ index: served.index, hashes: served.hashes.map((h) => fromBase64(h) ?? new Uint8Array(32)), checkpoint: served.checkpoint });
  return (
    <div className="space-y-4">
      {check.ok ? (
        <Alert tone="success" title="Included — verified in your browser">
          Log index {served.index.toLocaleString("en-US")} in the tree of {served.size.toLocaleString("en-US")} entries; the checkpoint is signed by the log key and the {served.hashes.length}-hash proof leads from this receipt&apos;s bytes to its root.
        </Alert>
      ) : (
        <Alert tone="error" title={`Inclusion NOT verified (${check.code})`}>{check.message}</Alert>
      )}
      <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-500">Log index</dt>
        <dd className="tabular-nums">{served.index}</dd>
        <dt className="text-slate-500">Tree size</dt>
        <dd className="tabular-nums">{served.size}</dd>
        <dt className="text-slate-500">Leaf hash</dt>
        <dd><code className="break-all font-mono text-xs">{served.leafHash}</code></dd>
        <dt className="text-slate-500">Log key</dt>
        <dd><code className="break-all font-mono text-xs">{vkey}</code> (<Link className="text-indigo-700 underline" href="/log">log</Link>)</dd>
      </dl>
      <TextBlock label="Offline proof" text={tlogProof} fileName={`log-index-${served.index}.tlog-proof`} />
      <p className="text-xs text-slate-600">
        Offline: <code className="font-mono">countersign log verify-proof --vkey &quot;$VKEY&quot; --entry receipt.jws log-index-{served.index}.tlog-proof</code>
      </p>
    </div>
  );
}
