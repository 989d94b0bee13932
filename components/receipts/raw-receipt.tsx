"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** The exact bytes received, with copy and download (as .jws or .json, as the gate sent it). */
export function RawReceipt({ raw, fileName }: { raw: string; fileName: string }) {
  const [copied, setCopied] = useState(false);
  function download() {
    const url = URL.createObjectURL(new Blob([raw], { type: "application/octet-stream" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.click();
    URL.revokeObjectURL(url);
  }
  return (
    <div className="space-y-3">
      <pre aria-label="Raw receipt" tabIndex={0} className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-3 font-mono text-xs">{raw}</pre>
      <div className="flex gap-2">
        <Button
          size="sm"
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard.writeText(raw);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy receipt"}
        </Button>
        <Button size="sm" variant="secondary" onClick={download}>Download {fileName}</Button>
      </div>
    </div>
  );
}
