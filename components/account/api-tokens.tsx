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
import type { ApiTokenView } from "@/lib/server/tokens";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

export function ApiTokens({ initial, origin }: { initial: ApiTokenView[]; origin: string }) {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ["api-tokens"], queryFn: () => api<{ items: ApiTokenView[] }>("/api/v1/tokens").then((r) => r.items), initialData: initial });
  const [created, setCreated] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["api-tokens"] });
  const create = useMutation({
    mutationFn: (body: { name: string; expiresInDays?: number }) => api<{ token: string }>("/api/v1/tokens", { method: "POST", body }),
    onSuccess: (result) => {
      setCreated(result.token);
      setError(undefined);
      return refresh();
    },
    onError: (caught) => setError(caught instanceof ApiError ? caught.message : "Creating the token failed."),
  });
  const revoke = useMutation({ mutationFn: (id: string) => api(`/api/v1/tokens/${id}`, { method: "DELETE" }), onSuccess: refresh });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const days = Number(form.get("days"));
    create.mutate({ name: String(form.get("name") ?? ""), ...(days > 0 ? { expiresInDays: days } : {}) });
    event.currentTarget.reset();
  }

  return (
    <Card title="Personal API tokens" description="For scripts: a token carries your roles. Send it as `Authorization: Bearer <token>` to /api/v1 routes.">
      <div className="space-y-4">
        {created ? (
          <SecretOnce label="New API token" secret={created}>
            <pre className="mt-2 overflow-x-auto text-xs">{`curl -H "Authorization: Bearer ${created}" ${origin}/api/v1/me`}</pre>
          </SecretOnce>
        ) : null}
        {error ? <Alert tone="error">{error}</Alert> : null}
        <form onSubmit={submit} className="flex flex-wrap items-end gap-3" aria-label="Create an API token">
          <div className="w-64"><TextField label="Token name" name="name" required placeholder="e.g. nightly export" /></div>
          <div className="w-40"><TextField label="Expires in (days)" name="days" type="number" min={1} max={3650} placeholder="never" /></div>
          <Button type="submit" disabled={create.isPending}>Create token</Button>
        </form>
        {tokens.data.length === 0 ? (
          <p className="text-sm text-slate-600">You have no API tokens yet.</p>
        ) : (
          <Table caption="Your API tokens" head={<tr><Th>Name</Th><Th>Prefix</Th><Th>Created</Th><Th>Last used</Th><Th>Expires</Th><Th>Status</Th><Th /></tr>}>
            {tokens.data.map((token) => (
              <tr key={token.id}>
                <Td className="font-medium">{token.name}</Td>
                <Td><code className="font-mono text-xs">{token.prefix}…</code></Td>
                <Td>{when(token.createdAt)}</Td>
                <Td>{when(token.lastUsedAt)}</Td>
                <Td>{token.expiresAt ? when(token.expiresAt) : "never"}</Td>
                <Td>{token.revokedAt ? <Badge tone="red">Revoked</Badge> : <Badge tone="green">Active</Badge>}</Td>
                <Td className="text-right">
                  {!token.revokedAt ? (
                    <Button size="sm" variant="danger" onClick={() => revoke.mutate(token.id)} aria-label={`Revoke token ${token.name}`}>Revoke</Button>
                  ) : null}
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </div>
    </Card>
  );
}
