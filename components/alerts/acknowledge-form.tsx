"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { ApiError, api } from "@/lib/client/api";

/** Acknowledge an open alert with a note: who is on it and what they are doing. */
export function AcknowledgeForm({ alertId }: { alertId: string }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | undefined>();
  const acknowledge = useMutation({
    mutationFn: (note: string) => api(`/api/v1/alerts/${alertId}/acknowledge`, { method: "POST", body: { note } }),
    onSuccess: () => router.refresh(),
    onError: (caught) => setError(caught instanceof ApiError ? caught : undefined),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    acknowledge.mutate(String(new FormData(event.currentTarget).get("note") ?? ""));
  }
  return (
    <form onSubmit={submit} aria-label="Acknowledge the alert" className="space-y-3">
      <TextField label="Note" name="note" required maxLength={1000} placeholder="e.g. rolling back policy 2026-11-20.3" error={error?.fields.note} hint="Stops repeat notifications for this alert; its state does not change." />
      {error && !error.fields.note ? <Alert tone="error">{error.message}</Alert> : null}
      <Button type="submit" disabled={acknowledge.isPending}>Acknowledge</Button>
    </form>
  );
}
