"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { ApiError, api } from "@/lib/client/api";
import type { RequestedGrant } from "@/lib/server/grants/request-grant";
import type { RequestGrantInput } from "@/lib/server/grants/schemas";
import { formatDuration } from "./grant-format";
import { TextAreaField } from "./text-area-field";

export type GrantPolicyHints = { maxDurationSeconds: number; requiredApprovals: number; pendingTtlSeconds: number; allowWildcards: boolean };

const list = (value: FormDataEntryValue | null) => String(value ?? "").split(",").map((s) => s.trim()).filter(Boolean);

function bodyOf(form: FormData): RequestGrantInput {
  const start = String(form.get("startAt") ?? "");
  return {
    operator: String(form.get("operator") ?? ""),
    scope: { surfaces: list(form.get("surfaces")), actions: list(form.get("actions")) },
    justification: String(form.get("justification") ?? ""),
    ticket: String(form.get("ticket") ?? "") || null,
    durationSeconds: Math.round(Number(form.get("durationMinutes")) * 60),
    // datetime-local is the browser's local time; the API takes RFC 3339.
    startAt: start ? new Date(start).toISOString() : null,
  };
}

export function RequestGrantForm({ policy, defaultOperator }: { policy: GrantPolicyHints; defaultOperator: string }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | undefined>();
  const [pending, setPending] = useState(false);
  const field = (name: string) => error?.fields[name];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      const filed = await api<RequestedGrant>("/api/v1/break-glass", { method: "POST", body: bodyOf(new FormData(event.currentTarget)) });
      router.push(`/break-glass/${filed.id}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, "NETWORK", "The console could not be reached."));
      setPending(false);
    }
  }

  const wildcard = policy.allowWildcards ? ' "*" means any.' : ' "*" is not allowed by policy.';
  return (
    <Card title="Request a break-glass grant" description={`${policy.requiredApprovals} admin(s) other than you and the grantee must approve within ${formatDuration(policy.pendingTtlSeconds)}. The duration counts from approval (or from the start you schedule).`}>
      <form onSubmit={submit} noValidate aria-label="Request a break-glass grant" className="grid gap-4 md:grid-cols-2">
        {error ? <div className="md:col-span-2"><Alert tone="error" title="The request was not filed">{error.message}</Alert></div> : null}
        <TextField label="Operator" name="operator" required defaultValue={defaultOperator} hint="A console user's email, or an agent/operator id such as agent:billing-bot." error={field("operator")} />
        <TextField label="Ticket" name="ticket" placeholder="e.g. INC-4711" error={field("ticket")} />
        <TextField label="Surfaces" name="surfaces" required placeholder="payments" hint={`Comma-separated, exact names.${wildcard}`} error={field("scope.surfaces")} />
        <TextField label="Actions" name="actions" required placeholder="refund, transfer" hint={`Comma-separated, exact names.${wildcard}`} error={field("scope.actions")} />
        <div className="md:col-span-2">
          <TextAreaField label="Justification" name="justification" required rows={3} hint="Why the normal policy is not enough right now. Goes into the token and the audit trail." error={field("justification")} />
        </div>
        <TextField label="Duration (minutes)" name="durationMinutes" type="number" min={1} max={policy.maxDurationSeconds / 60} defaultValue={60} required hint={`At most ${formatDuration(policy.maxDurationSeconds)}.`} error={field("durationSeconds")} />
        <TextField label="Start at (optional)" name="startAt" type="datetime-local" hint="Leave empty to start when approved. Your local time." error={field("startAt")} />
        <div className="md:col-span-2">
          <Button type="submit" disabled={pending}>{pending ? "Submitting…" : "Submit request"}</Button>
        </div>
      </form>
    </Card>
  );
}
