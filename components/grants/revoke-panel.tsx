"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ApiError, api } from "@/lib/client/api";
import { TextAreaField } from "./text-area-field";

export function RevokePanel({ grantId, state, onChanged }: { grantId: string; state: string; onChanged: () => void }) {
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "");
    setBusy(true);
    try {
      await api(`/api/v1/break-glass/${grantId}/revoke`, { method: "POST", body: { reason } });
      setError(undefined);
      onChanged();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, "NETWORK", "The console could not be reached."));
    } finally {
      setBusy(false);
    }
  }

  const withdraw = state === "pending";
  return (
    <Card title={withdraw ? "Withdraw" : "Revoke"} description={withdraw ? "Withdraw the request before anyone decides." : "Ends the grant now. Gates learn it from the signed revocation list on their next poll; a gate that does not poll honours the token until it expires."}>
      <form aria-label="Revoke this grant" onSubmit={submit} className="space-y-3">
        {error && !error.fields.reason ? <Alert tone="error">{error.message}</Alert> : null}
        <TextAreaField label="Reason for revoking" name="reason" rows={2} required error={error?.fields.reason ?? (error?.code === "VALIDATION" ? error.message : undefined)} />
        <Button type="submit" variant="danger" disabled={busy}>{withdraw ? "Withdraw request" : "Revoke grant"}</Button>
      </form>
    </Card>
  );
}
