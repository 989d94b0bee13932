"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ApiError, api } from "@/lib/client/api";

/** Whether /verify and the issuers' trust files are open to people without an account. */
export function PublicVerificationSwitch({ initial, canManage }: { initial: boolean; canManage: boolean }) {
  const [enabled, setEnabled] = useState(initial);
  const change = useMutation({
    mutationFn: (next: boolean) => api<{ enabled: boolean }>("/api/v1/issuers/public-verification", { method: "PUT", body: { enabled: next } }),
    onSuccess: (result) => setEnabled(result.enabled),
  });
  return (
    <Card
      title="Public verification"
      description={<>The <Link className="text-indigo-700 underline" href="/verify">Verify page</Link> checks receipts in the browser. It is always open to signed-in users; open it to anyone to let outside auditors verify with the keys published here.</>}
    >
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <p role="status">{enabled ? "Open to anyone: /verify and the issuers' trust files need no account." : "Signed-in users only."}</p>
        {canManage ? (
          <Button variant={enabled ? "secondary" : "primary"} disabled={change.isPending} onClick={() => change.mutate(!enabled)}>
            {enabled ? "Require an account" : "Allow verification without an account"}
          </Button>
        ) : null}
      </div>
      {change.error ? <div className="mt-3"><Alert tone="error">{change.error instanceof ApiError ? change.error.message : "Saving failed."}</Alert></div> : null}
    </Card>
  );
}
