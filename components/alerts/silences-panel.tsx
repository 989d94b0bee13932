"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { Table, Td, Th } from "@/components/ui/table";
import { ApiError, api } from "@/lib/client/api";
import type { SilenceView } from "@/lib/server/alerts";
import type { KindOption } from "./alert-filter-keys";

const HOURS = [1, 2, 4, 8, 24, 72, 168];

function describeMatchers(matchers: Record<string, string | undefined>): string {
  return Object.entries(matchers).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`).join(", ");
}

/** Active silences, and (for on-call and admins) a form to add one and buttons to end them early. */
export function SilencesPanel({ initial, canAct, kinds }: { initial: SilenceView[]; canAct: boolean; kinds: KindOption[] }) {
  const queryClient = useQueryClient();
  const silences = useQuery({ queryKey: ["silences"], queryFn: () => api<{ items: SilenceView[] }>("/api/v1/alerts/silences").then((r) => r.items), initialData: initial, refetchInterval: 30_000 });
  const [error, setError] = useState<ApiError | undefined>();
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ["silences"] }), queryClient.invalidateQueries({ queryKey: ["alerts"] })]);
  const create = useMutation({
    mutationFn: (body: unknown) => api<SilenceView>("/api/v1/alerts/silences", { method: "POST", body }),
    onSuccess: () => (setError(undefined), refresh()),
    onError: (caught) => setError(caught instanceof ApiError ? caught : undefined),
  });
  const end = useMutation({ mutationFn: (id: string) => api(`/api/v1/alerts/silences/${id}`, { method: "DELETE" }), onSuccess: refresh });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (key: string) => String(form.get(key) ?? "").trim() || undefined;
    const hours = Number(form.get("hours"));
    create.mutate({ matchers: { kind: text("kind"), surface: text("surface"), outcome: text("outcome") }, reason: text("reason") ?? "", endsAt: new Date(Date.now() + hours * 3_600_000).toISOString() });
  }

  return (
    <Card title="Silences" description="A silence stops notifications for matching alerts for a while; they are still evaluated and shown. Every silence has an author, a reason and an end.">
      {canAct ? (
        <form onSubmit={submit} aria-label="Add a silence" className="mb-4 grid gap-3 md:grid-cols-6 md:items-end">
          <SelectField label="Kind" name="kind" defaultValue="">
            <option value="">Any kind</option>
            {kinds.map((kind) => <option key={kind.value} value={kind.value}>{kind.title}</option>)}
          </SelectField>
          <TextField label="Surface" name="surface" placeholder="e.g. payments" error={error?.fields["matchers.surface"]} />
          <SelectField label="Outcome" name="outcome" defaultValue="">
            <option value="">Any</option>
            <option>DENY</option>
            <option>SILENCE</option>
          </SelectField>
          <SelectField label="For" name="hours" defaultValue="2">
            {HOURS.map((h) => <option key={h} value={h}>{h < 24 ? `${h} h` : `${h / 24} d`}</option>)}
          </SelectField>
          <TextField label="Reason" name="reason" required placeholder="e.g. policy rollout, INC-123" error={error?.fields.reason} />
          <Button type="submit" disabled={create.isPending}>Silence</Button>
        </form>
      ) : null}
      {error && !error.fields.reason ? <div className="mb-3"><Alert tone="error">{error.message}</Alert></div> : null}
      {silences.data.length === 0 ? (
        <p className="text-sm text-slate-600">No active silences: every firing alert is notified.</p>
      ) : (
        <Table caption="Active silences" head={<tr><Th>Matches</Th><Th>Reason</Th><Th>By</Th><Th>Until</Th>{canAct ? <Th /> : null}</tr>}>
          {silences.data.map((s) => (
            <tr key={s.id}>
              <Td><code className="text-xs">{describeMatchers(s.matchers)}</code></Td>
              <Td>{s.reason}</Td>
              <Td>{s.createdBy}</Td>
              <Td><span suppressHydrationWarning>{new Date(s.endsAt).toLocaleString()}</span>{s.active ? "" : " (not started)"}</Td>
              {canAct ? <Td className="text-right"><Button size="sm" variant="secondary" onClick={() => end.mutate(s.id)} aria-label={`End silence ${describeMatchers(s.matchers)}`}>End now</Button></Td> : null}
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
