"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { Table, Td, Th } from "@/components/ui/table";
import { BundleVerifier, type BundleReport } from "@/lib/core/tlog/bundle-verify";

/** Feeds a file to the verifier line by line as it is read, so large bundles fit in memory. */
async function verifyFile(file: File, vkey: string | undefined, onProgress: (read: number) => void): Promise<BundleReport> {
  const verifier = new BundleVerifier(new Date(), vkey ? { vkey } : {});
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  let rest = "";
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.length;
    const lines = (rest + value).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) await verifier.push(line);
    onProgress(read);
  }
  if (rest !== "") await verifier.push(rest);
  return await verifier.finish();
}

/**
 * Verifies an evidence bundle in the browser, offline: the checkpoint's signature under the
 * log key, every receipt's inclusion proof and every receipt's signature. Nothing is uploaded.
 */
export function BundleVerifierPanel({ consoleVkey }: { consoleVkey?: string }) {
  const [report, setReport] = useState<BundleReport>();
  const [progress, setProgress] = useState<{ read: number; size: number }>();
  const [pinned, setPinned] = useState<string | undefined>();

  async function verify(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("bundle");
    if (!(file instanceof File) || file.size === 0) return;
    const vkey = String(form.get("vkey") ?? "").trim() || undefined;
    setReport(undefined);
    setPinned(vkey);
    setProgress({ read: 0, size: file.size });
    try {
      setReport(await verifyFile(file, vkey, (read) => setProgress({ read, size: file.size })));
    } finally {
      setProgress(undefined);
    }
  }

  return (
    <Card title="Verify an evidence bundle" description="A bundle exported from a countersign console (.jsonl): checked entirely in this browser, as countersign verify-bundle does.">
      <form onSubmit={verify} aria-label="Verify an evidence bundle" className="space-y-4">
        <div className="space-y-1">
          <label htmlFor="bundle-file" className="block text-sm font-medium text-slate-700">Bundle file</label>
          <input id="bundle-file" name="bundle" type="file" accept=".jsonl,.ndjson,application/x-ndjson" required className="block text-sm" />
        </div>
        <TextField
          label="Pinned log key (optional)"
          name="vkey"
          defaultValue=""
          placeholder="origin+keyid+base64"
          hint={consoleVkey ? <>This console&apos;s log key: <code className="break-all font-mono">{consoleVkey}</code>. Pin a key you obtained out of band to make sure the bundle is from that log.</> : "Pin a key you obtained out of band to make sure the bundle is from that log."}
        />
        <Button type="submit" disabled={progress !== undefined}>{progress ? "Verifying…" : "Verify bundle"}</Button>
        {progress ? <progress className="block h-2 w-full" max={progress.size} value={progress.read} aria-label="Verification progress" /> : null}
      </form>
      {report ? <div className="mt-4"><BundleReportView report={report} pinned={pinned} /></div> : null}
    </Card>
  );
}

function BundleReportView({ report, pinned }: { report: BundleReport; pinned?: string }) {
  return (
    <div className="space-y-4">
      {report.valid ? (
        <Alert tone="success" title={`Valid: ${report.verified.toLocaleString("en-US")} receipts verified in your browser`}>
          Every receipt is signed by its issuer&apos;s key and included in the log&apos;s tree of {report.checkpoint?.size.toLocaleString("en-US")} entries, whose checkpoint is signed by the log key{pinned ? " you pinned" : " in the bundle — compare it with the key your console's admins publish"}.
        </Alert>
      ) : (
        <Alert tone="error" title={`NOT valid: ${report.failureCount.toLocaleString("en-US")} failure${report.failureCount === 1 ? "" : "s"}`}>
          {report.verified.toLocaleString("en-US")} of {report.receipts.toLocaleString("en-US")} receipts verified. Each failure is listed below.
        </Alert>
      )}
      <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-500">Log</dt>
        <dd>{report.origin ?? "—"}</dd>
        <dt className="text-slate-500">Log key</dt>
        <dd><code className="break-all font-mono text-xs">{report.vkey ?? "—"}</code></dd>
        <dt className="text-slate-500">Checkpoint</dt>
        <dd>{report.checkpoint ? <>size {report.checkpoint.size.toLocaleString("en-US")}, root <code className="break-all font-mono text-xs">{report.checkpoint.root}</code></> : "not verified"}</dd>
        <dt className="text-slate-500">Issuer keys</dt>
        <dd>{report.trustedKeys}</dd>
        <dt className="text-slate-500">Written</dt>
        <dd>{report.createdAt ?? "—"}</dd>
      </dl>
      {report.failures.length > 0 ? (
        <Table caption="Bundle verification failures" head={<tr><Th>Line</Th><Th>Log index</Th><Th>Failure</Th><Th>Detail</Th></tr>}>
          {report.failures.map((f, i) => (
            <tr key={i}>
              <Td className="tabular-nums">{f.line}</Td>
              <Td className="tabular-nums">{f.index ?? "—"}</Td>
              <Td><code className="font-mono text-xs">{f.code}{f.verdict ? ` ${f.verdict}` : ""}</code></Td>
              <Td className="text-xs">{f.message}</Td>
            </tr>
          ))}
        </Table>
      ) : null}
    </div>
  );
}
