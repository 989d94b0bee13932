"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SecretOnce } from "@/components/ui/secret-once";
import { ApiError, api } from "@/lib/client/api";
import type { RetrievedGrantToken } from "@/lib/server/grants/retrieve-grant-token";

function download(id: string, token: string) {
  const url = URL.createObjectURL(new Blob([`${token}\n`], { type: "application/jwt" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: `break-glass-${id}.jwt` });
  link.click();
  URL.revokeObjectURL(url);
}

/** The requester or grantee fetches the token once; it is shown with copy and download, never again. */
export function TokenPanel({ grantId, onRetrieved }: { grantId: string; onRetrieved: () => void }) {
  const [token, setToken] = useState<RetrievedGrantToken | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function retrieve() {
    setBusy(true);
    try {
      setToken(await api<RetrievedGrantToken>(`/api/v1/break-glass/${grantId}/token`, { method: "POST" }));
      onRetrieved();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "The console could not be reached.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Token" description="A signed, time-bounded bearer token for the operator's gate. It can be retrieved once; the console does not keep it.">
      {token ? (
        <SecretOnce label="Break-glass token" secret={token.token}>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <Button size="sm" variant="secondary" onClick={() => download(grantId, token.token)}>Download</Button>
            <span className="text-xs">Hand it to the operator over a trusted channel. If it is lost, revoke the grant and request a new one.</span>
          </div>
        </SecretOnce>
      ) : (
        <div className="space-y-2">
          {error ? <Alert tone="error">{error}</Alert> : null}
          <Button onClick={retrieve} disabled={busy}>Retrieve the token</Button>
        </div>
      )}
    </Card>
  );
}
