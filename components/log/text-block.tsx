"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** A signed note, key or proof shown verbatim, with copy and download. */
export function TextBlock({ label, text, fileName }: { label: string; text: string; fileName?: string }) {
  const [copied, setCopied] = useState(false);
  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName ?? "download.txt";
    link.click();
    URL.revokeObjectURL(url);
  }
  return (
    <div className="space-y-2">
      <pre aria-label={label} tabIndex={0} className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-3 font-mono text-xs">{text}</pre>
      <div className="flex gap-2">
        <Button
          size="sm"
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard.writeText(text);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : `Copy ${label.toLowerCase()}`}
        </Button>
        {fileName ? <Button size="sm" variant="secondary" onClick={download}>Download {fileName}</Button> : null}
      </div>
    </div>
  );
}
