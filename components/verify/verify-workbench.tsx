"use client";

import { useState, type DragEvent, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import type { PublishedIssuer } from "@/lib/server/issuers";
import { readFiles, TextAreaField } from "./text-area-field";
import { receiptInputs, trustFromText, verifyAll, type VerifiedReceipt } from "./verify-inputs";
import { VerifyResults } from "./verify-results";

type TrustMode = "file" | "console";

/**
 * Paste or drop receipts and a trust file, or use the keys this console publishes, and verify
 * in the browser. Receipts never leave the page; the only request is for published keys.
 */
export function VerifyWorkbench({ issuers }: { issuers: PublishedIssuer[] }) {
  const [files, setFiles] = useState<Array<{ name: string; text: string }>>([]);
  const [trustMode, setTrustMode] = useState<TrustMode>(issuers.length > 0 ? "console" : "file");
  const [trustText, setTrustText] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const [results, setResults] = useState<{ list: VerifiedReceipt[]; at: Date } | undefined>();
  const [pending, setPending] = useState(false);
  const [dragging, setDragging] = useState(false);

  async function addFiles(list: FileList | null) {
    const read = await readFiles(list);
    setFiles((current) => [...current, ...read]);
  }

  async function verify(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    try {
      const sources = [{ name: "pasted", text: String(form.get("receipts") ?? "") }, ...files];
      const split = sources.map((source) => receiptInputs(source.name, source.text));
      const found = split.flatMap((s) => (s.error ? [s.error] : []));
      const inputs = split.flatMap((s) => s.inputs);
      const trust = trustMode === "file" ? await trustFromText(trustText) : await publishedTrust(String(form.get("issuer") ?? ""));
      if (trust.error) found.push(trust.error);
      if (inputs.length === 0) found.push("Paste receipts or add files that hold receipts.");
      const atText = String(form.get("at") ?? "");
      const at = atText ? new Date(atText) : new Date();
      setProblems(found);
      setResults(trust.trust && inputs.length > 0 ? { list: await verifyAll(inputs, trust.trust, at), at } : undefined);
    } finally {
      setPending(false);
    }
  }

  function drop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    void addFiles(event.dataTransfer.files);
  }

  return (
    <div className="space-y-6">
      <form onSubmit={verify} aria-label="Verify receipts" className="space-y-6">
        <Card title="Receipts" description="Compact or flattened JSON receipts: one per line, or a JSON array. Add as many as you like.">
          <div className="space-y-3">
            <TextAreaField label="Paste receipts" name="receipts" rows={8} placeholder="eyJhbGciOiJFZERTQSIsImtpZCI6Ii4uLiJ9.eyJ2IjoxLC4uLn0.c2ln…" />
            <div
              onDragOver={(event) => {
                event.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={drop}
              className={`rounded-md border-2 border-dashed px-4 py-5 text-center text-sm ${dragging ? "border-indigo-500 bg-indigo-50" : "border-slate-300"}`}
            >
              <p className="text-slate-600">Drop receipt files here, or</p>
              <label className="mt-1 inline-block cursor-pointer text-indigo-700 underline">
                choose receipt files
                <input type="file" multiple className="sr-only" onChange={(event) => void addFiles(event.currentTarget.files)} />
              </label>
            </div>
            {files.length > 0 ? (
              <div className="flex flex-wrap items-center gap-2 text-xs text-slate-700">
                <span>Files: {files.map((f) => f.name).join(", ")}</span>
                <Button size="sm" variant="ghost" onClick={() => setFiles([])}>Remove files</Button>
              </div>
            ) : null}
          </div>
        </Card>
        <Card title="Trusted keys" description="A receipt is only as trustworthy as the keys you check it with: get the trust file from the gate's owner, or compare the console's with theirs.">
          <fieldset>
            <legend className="sr-only">Where the keys come from</legend>
            <div className="flex flex-wrap gap-4 text-sm">
              <label className="flex items-center gap-1.5">
                <input type="radio" name="trustMode" checked={trustMode === "console"} onChange={() => setTrustMode("console")} disabled={issuers.length === 0} />
                Keys published by this console
              </label>
              <label className="flex items-center gap-1.5">
                <input type="radio" name="trustMode" checked={trustMode === "file"} onChange={() => setTrustMode("file")} />
                A trust file I provide
              </label>
            </div>
          </fieldset>
          <div className="mt-3">
            {trustMode === "console" ? (
              <SelectField label="Issuer" name="issuer" defaultValue="">
                <option value="">All registered issuers</option>
                {issuers.map((issuer) => (
                  <option key={issuer.id} value={issuer.id}>{issuer.iss}{issuer.name ? ` — ${issuer.name}` : ""} ({issuer.keyCount} keys)</option>
                ))}
              </SelectField>
            ) : (
              <div className="space-y-2">
                <TextAreaField label="Trust file (JWKS)" name="trust" rows={6} value={trustText} onChange={(event) => setTrustText(event.target.value)} placeholder='{"keys":[{"kty":"OKP","crv":"Ed25519","x":"…","kid":"…","iss":"gate-eu-1"}]}' />
                <label className="block text-sm text-slate-700">
                  <span className="font-medium">Or load a trust file</span>
                  <input type="file" accept=".json,application/json" className="mt-1 block text-sm" onChange={async (event) => setTrustText((await readFiles(event.currentTarget.files))[0]?.text ?? trustText)} />
                </label>
              </div>
            )}
          </div>
          <div className="mt-3 max-w-xs">
            <TextField label="Verify as of" name="at" type="datetime-local" step={1} hint="Your clock by default. It bounds iat only; keys are judged at each receipt's iat." />
          </div>
        </Card>
        <Button type="submit" disabled={pending}>{pending ? "Verifying…" : "Verify in this browser"}</Button>
      </form>
      {problems.length > 0 ? (
        <Alert tone="error" title="Some input could not be used">
          <ul className="list-disc pl-5">{problems.map((p) => <li key={p}>{p}</li>)}</ul>
        </Alert>
      ) : null}
      {results ? <VerifyResults results={results.list} at={results.at} /> : null}
    </div>
  );
}

/** The trust file the console publishes (all issuers, or one): a GET that carries no receipt. */
async function publishedTrust(issuerId: string) {
  const path = issuerId ? `/api/v1/issuers/${encodeURIComponent(issuerId)}/trust.json` : "/api/v1/issuers/trust.json";
  const response = await fetch(path, { credentials: "same-origin" });
  if (!response.ok) return { error: `The console's keys could not be loaded (HTTP ${response.status}).` };
  return trustFromText(await response.text());
}
