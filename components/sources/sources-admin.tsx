"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { SecretOnce } from "@/components/ui/secret-once";
import { Table, Td, Th } from "@/components/ui/table";
import { ApiError, api } from "@/lib/client/api";
import type { SourceView } from "@/lib/server/sources";
import { ConnectSnippets } from "./connect-snippets";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

export function SourcesAdmin({ initial, canManage, consoleUrl }: { initial: SourceView[]; canManage: boolean; consoleUrl: string }) {
  const queryClient = useQueryClient();
  const sources = useQuery({ queryKey: ["sources"], queryFn: () => api<{ items: SourceView[] }>("/api/v1/sources").then((r) => r.items), initialData: initial, refetchInterval: 15_000 });
  const [created, setCreated] = useState<{ name: string; token: string } | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["sources"] });
  const create = useMutation({
    mutationFn: (body: { name: string; description: string }) => api<{ source: SourceView; token: string }>("/api/v1/sources", { method: "POST", body }),
    onSuccess: (result) => {
      setCreated({ name: result.source.name, token: result.token });
      setError(undefined);
      return refresh();
    },
    onError: (caught) => setError(caught instanceof ApiError ? caught : undefined),
  });
  const revoke = useMutation({ mutationFn: (id: string) => api(`/api/v1/sources/${id}`, { method: "DELETE" }), onSuccess: refresh });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({ name: String(form.get("name") ?? ""), description: String(form.get("description") ?? "") });
    event.currentTarget.reset();
  }

  return (
    <div className="space-y-6">
      {canManage ? (
        <Card title="Add a source" description="A source is one gate, fleet or Collector. Its ingest token authorizes OTLP and receipt uploads only.">
          <form onSubmit={submit} className="flex flex-wrap items-end gap-3" aria-label="Add a source">
            <div className="w-64"><TextField label="Source name" name="name" required placeholder="e.g. gate-eu-1" error={error?.fields.name} /></div>
            <div className="w-96"><TextField label="Description" name="description" placeholder="optional" /></div>
            <Button type="submit" disabled={create.isPending}>Create source and token</Button>
          </form>
          {error && !error.fields.name ? <div className="mt-3"><Alert tone="error">{error.message}</Alert></div> : null}
          {created ? (
            <div className="mt-4">
              <SecretOnce label={`Ingest token for ${created.name}`} secret={created.token}>
                <ConnectSnippets consoleUrl={consoleUrl} token={created.token} />
              </SecretOnce>
            </div>
          ) : null}
        </Card>
      ) : null}
      <Card title="Sources" description="Last seen is the last time the source sent anything, heartbeats included.">
        {sources.data.length === 0 ? (
          <p className="text-sm text-slate-600">No sources yet.{canManage ? " Add one above to get an ingest token." : " An admin creates them."}</p>
        ) : (
          <Table caption="Sources" head={<tr><Th>Name</Th><Th>Token</Th><Th>Decisions stored</Th><Th>Last seen</Th><Th>Status</Th>{canManage ? <Th /> : null}</tr>}>
            {sources.data.map((source) => (
              <tr key={source.id}>
                <Td><p className="font-medium">{source.name}</p><p className="text-xs text-slate-500">{source.description}</p></Td>
                <Td><code className="font-mono text-xs">{source.tokenPrefix}…</code></Td>
                <Td>{source.decisionCount.toLocaleString()}</Td>
                <Td>{when(source.lastSeenAt)}</Td>
                <Td>{source.revokedAt ? <Badge tone="red">Revoked</Badge> : <Badge tone="green">Active</Badge>}</Td>
                {canManage ? (
                  <Td className="text-right">
                    {!source.revokedAt ? <Button size="sm" variant="danger" onClick={() => revoke.mutate(source.id)} aria-label={`Revoke source ${source.name}`}>Revoke</Button> : null}
                  </Td>
                ) : null}
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
