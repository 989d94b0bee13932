"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { ApiError, api } from "@/lib/client/api";
import type { IssuerKeyView, KeyChangeResult } from "@/lib/server/issuers";

/** Revokes one key from a time on, with a reason; back-date it to when the compromise began. */
export function RevokeKeyForm({ issuerId, keyView, onDone, onCancel }: { issuerId: string; keyView: IssuerKeyView; onDone: (result: KeyChangeResult) => void; onCancel: () => void }) {
  const [error, setError] = useState<ApiError | undefined>();
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const at = String(form.get("revokedAt") ?? "");
    setPending(true);
    try {
      const body = { reason: String(form.get("reason") ?? ""), ...(at ? { revokedAt: new Date(at).toISOString() } : {}) };
      onDone(await api<KeyChangeResult>(`/api/v1/issuers/${issuerId}/keys/${keyView.id}/revoke`, { method: "POST", body }));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, "NETWORK", "The console could not be reached."));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} aria-label={`Revoke key ${keyView.kid}`} className="space-y-3 rounded-md border border-red-200 bg-red-50 p-4">
      <p className="text-sm font-medium text-red-900">Revoke {keyView.kid}: receipts it signed at or after this time become key_revoked. This cannot be undone.</p>
      {error ? <Alert tone="error">{error.message}</Alert> : null}
      <div className="grid gap-3 md:grid-cols-2">
        <TextField label="Reason" name="reason" required placeholder="e.g. key file exposed in a CI log" error={error?.fields.reason} />
        <TextField label="Revoked from" name="revokedAt" type="datetime-local" hint="Leave empty for now; set an earlier time when the compromise started earlier." error={error?.fields.revokedAt} />
      </div>
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={pending}>{pending ? "Revoking…" : "Revoke key"}</Button>
        <Button variant="ghost" onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
