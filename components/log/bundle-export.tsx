"use client";

import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { ReceiptFilters } from "@/components/receipts/receipt-filter-keys";
import { TextAreaField } from "@/components/verify/text-area-field";

type Progress = { received: number; total: number; bytes: number };
type Done = { fileName: string; receipts: number; bytes: number };

const NEWLINE = 0x0a;

/** Reads the streamed bundle, counting lines for the progress bar; returns the file's chunks. */
async function download(response: Response, onProgress: (p: Progress) => void): Promise<{ chunks: Uint8Array[]; lines: number; bytes: number }> {
  const total = Number(response.headers.get("x-countersign-bundle-receipts") ?? "0");
  const reader = response.body!.getReader();
  const chunks: Uint8Array[] = [];
  let lines = 0;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { chunks, lines, bytes };
    chunks.push(value);
    bytes += value.byteLength;
    for (const byte of value) if (byte === NEWLINE) lines++;
    onProgress({ received: Math.max(0, Math.min(lines - 1, total)), total, bytes });
  }
}

function save(chunks: Uint8Array[], fileName: string): void {
  const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: "application/x-ndjson" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Exports the selected receipts as one evidence bundle: streamed from the console with a
 * progress bar, then saved as a file that verifies offline with `countersign verify-bundle`.
 */
export function BundleExport({ filters, matching }: { filters: ReceiptFilters; matching: number }) {
  const [progress, setProgress] = useState<Progress>();
  const [done, setDone] = useState<Done>();
  const [error, setError] = useState<string>();
  const abort = useRef<AbortController | undefined>(undefined);

  async function exportBundle(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ids = String(new FormData(event.currentTarget).get("ids") ?? "").split(/[\s,]+/).filter(Boolean);
    abort.current = new AbortController();
    setError(undefined);
    setDone(undefined);
    setProgress({ received: 0, total: ids.length || matching, bytes: 0 });
    try {
      const response = await fetch("/api/v1/log/bundle", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ...filters, ...(ids.length ? { ids } : {}) }),
        signal: abort.current.signal,
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
        throw new Error(body.error?.message ?? `The console answered ${response.status}.`);
      }
      const fileName = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "evidence-bundle.jsonl";
      const { chunks, lines, bytes } = await download(response, setProgress);
      save(chunks, fileName);
      setDone({ fileName, receipts: Math.max(0, lines - 2), bytes });
    } catch (caught) {
      setError(caught instanceof DOMException && caught.name === "AbortError" ? "The export was cancelled." : (caught as Error).message);
    } finally {
      setProgress(undefined);
      abort.current = undefined;
    }
  }

  return (
    <Card title="Export" description="One file: each receipt's exact bytes and inclusion proof against one signed checkpoint, the issuers' trust file and the log's key.">
      <form onSubmit={exportBundle} aria-label="Export an evidence bundle" className="space-y-4">
        <TextAreaField label="Receipt ids (optional)" name="ids" rows={3} hint="Pick receipts by hand: console receipt ids (from the receipt page's address), one per line or comma-separated. The filters above narrow them further." />
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={progress !== undefined}>Export evidence bundle</Button>
          {progress ? <Button variant="secondary" onClick={() => abort.current?.abort()}>Cancel</Button> : null}
        </div>
        {progress ? (
          <div className="space-y-1" role="status">
            <progress className="h-2 w-full" max={Math.max(progress.total, 1)} value={progress.received} aria-label="Export progress" />
            <p className="text-xs text-slate-600">
              {progress.received.toLocaleString("en-US")} of {progress.total.toLocaleString("en-US")} receipts · {(progress.bytes / 1e6).toFixed(1)} MB
            </p>
          </div>
        ) : null}
      </form>
      {error ? <div className="mt-4"><Alert tone="error" title="The bundle was not exported">{error}</Alert></div> : null}
      {done ? (
        <div className="mt-4">
          <Alert tone="success" title={`Saved ${done.fileName}`}>
            {done.receipts.toLocaleString("en-US")} receipts, {(done.bytes / 1e6).toFixed(1)} MB. Verify it anywhere, offline:{" "}
            <code className="font-mono text-xs">countersign verify-bundle --vkey &quot;$VKEY&quot; {done.fileName}</code>, or on the Verify page.
          </Alert>
        </div>
      ) : null}
    </Card>
  );
}
