"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { api, ApiError } from "@/lib/client/api";
import type { CheckpointView } from "@/lib/server/tlog";
import { checkConsistency, type BrowserCheck, type ConsistencyProofJson } from "./verify-in-browser";

/** Proves, in the browser, that a newer saved checkpoint extends an older one (RFC 9162 consistency). */
export function ConsistencyCheck({ checkpoints, vkey }: { checkpoints: CheckpointView[]; vkey: string }) {
  const [older, setOlder] = useState<number | undefined>();
  const [newer, setNewer] = useState<number | undefined>();
  const [result, setResult] = useState<(BrowserCheck & { from: number; to: number }) | { error: string }>();
  const [busy, setBusy] = useState(false);
  const sizes = checkpoints.map((c) => c.size);
  const from = older ?? sizes[Math.min(1, sizes.length - 1)];
  const to = newer ?? sizes[0];

  async function run() {
    const a = checkpoints.find((c) => c.size === from);
    const b = checkpoints.find((c) => c.size === to);
    if (!a || !b) return;
    setBusy(true);
    try {
      const proof = await api<ConsistencyProofJson>(`/api/v1/log/proof/consistency?from=${a.size}&to=${b.size}`);
      setResult({ ...(await checkConsistency(vkey, a, b, proof)), from: a.size, to: b.size });
    } catch (error) {
      setResult({ error: error instanceof ApiError ? error.message : "The console could not be reached." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Consistency check" description="Pick two saved checkpoints: your browser verifies both signatures and a consistency proof that the newer tree extends the older one.">
      {sizes.length === 0 ? (
        <p className="text-sm text-slate-700">There are no checkpoints to compare yet.</p>
      ) : (
        <div className="space-y-4">
          <div className="grid gap-3 sm:grid-cols-3 sm:items-end">
            <SelectField label="Older checkpoint (size)" value={from} onChange={(e) => { setOlder(Number(e.target.value)); setResult(undefined); }}>
              {sizes.map((s) => <option key={s} value={s}>{s.toLocaleString("en-US")}</option>)}
            </SelectField>
            <SelectField label="Newer checkpoint (size)" value={to} onChange={(e) => { setNewer(Number(e.target.value)); setResult(undefined); }}>
              {sizes.map((s) => <option key={s} value={s}>{s.toLocaleString("en-US")}</option>)}
            </SelectField>
            <div>
              <Button onClick={run} disabled={busy || from === undefined || to === undefined || from > to}>{busy ? "Verifying…" : "Verify consistency in your browser"}</Button>
            </div>
          </div>
          {from !== undefined && to !== undefined && from > to ? <Alert tone="warning">The older checkpoint must not be larger than the newer one.</Alert> : null}
          {result && "error" in result ? <Alert tone="error" title="Not checked">{result.error}</Alert> : null}
          {result && "ok" in result ? (
            result.ok ? (
              <Alert tone="success" title="Consistent — verified in your browser">
                The tree of {result.to.toLocaleString("en-US")} entries extends the tree of {result.from.toLocaleString("en-US")} entries: nothing logged before was changed or removed. Both checkpoints are signed by the log key.
              </Alert>
            ) : (
              <Alert tone="error" title={`NOT consistent (${result.code})`}>{result.message}. Keep both checkpoints: signed by the same key, they are evidence that the log was rewritten.</Alert>
            )
          ) : null}
        </div>
      )}
    </Card>
  );
}
