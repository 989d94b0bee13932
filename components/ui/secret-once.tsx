"use client";

import { useState } from "react";
import { Alert } from "./alert";
import { Button } from "./button";

/** Shows a secret exactly once, with a copy button and the warning that it cannot be shown again. */
export function SecretOnce({ label, secret, children }: { label: string; secret: string; children?: React.ReactNode }) {
  const [copied, setCopied] = useState(false);
  return (
    <Alert tone="warning" title={`${label}: copy it now, it will not be shown again`}>
      <div className="mt-2 flex items-center gap-2">
        <code aria-label={label} className="block flex-1 overflow-x-auto rounded bg-white px-2 py-1.5 font-mono text-xs text-slate-900 ring-1 ring-amber-200">
          {secret}
        </code>
        <Button
          size="sm"
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard.writeText(secret);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      {children}
    </Alert>
  );
}
