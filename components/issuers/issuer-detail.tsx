"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { ApiError, api } from "@/lib/client/api";
import type { IssuerKeyView, IssuerView, KeyChangeResult } from "@/lib/server/issuers";
import { JwksInput } from "./jwks-input";
import { KeyChangeSummary } from "./key-change-summary";
import { KeyStatusBadge } from "./key-status-badge";
import { RevokeKeyForm } from "./revoke-key-form";

const when = (iso: string | null) => (iso ? new Date(iso).toISOString().replace(".000Z", "Z") : "—");

export function IssuerDetail({ initial, canManage }: { initial: IssuerView; canManage: boolean }) {
  const queryClient = useQueryClient();
  const key = ["issuer", initial.id];
  const issuer = useQuery({ queryKey: key, queryFn: () => api<IssuerView>(`/api/v1/issuers/${initial.id}`), initialData: initial });
  const [revoking, setRevoking] = useState<IssuerKeyView | undefined>();
  const [changed, setChanged] = useState<{ verb: string; result: KeyChangeResult } | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const done = (verb: string) => (result: KeyChangeResult) => {
    setChanged({ verb, result });
    setError(undefined);
    setRevoking(undefined);
    queryClient.setQueryData(key, result.issuer);
  };
  const fail = (caught: Error) => setError(caught instanceof ApiError ? caught : new ApiError(0, "NETWORK", "The console could not be reached."));
  const add = useMutation({ mutationFn: (jwks: string) => api<KeyChangeResult>(`/api/v1/issuers/${initial.id}/keys`, { method: "POST", body: { jwks } }), onSuccess: done("Added keys to"), onError: fail });
  const refresh = useMutation({ mutationFn: () => api<{ issuer: IssuerView }>(`/api/v1/issuers/${initial.id}/refresh`, { method: "POST" }), onSuccess: (r) => done("Refreshed")({ issuer: r.issuer, skipped: [], reverified: { checked: 0, changed: 0 } }), onError: fail });
  const data = issuer.data;

  function submitKeys(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    add.mutate(String(new FormData(event.currentTarget).get("jwks") ?? ""));
  }

  return (
    <div className="space-y-6">
      {changed ? <KeyChangeSummary verb={changed.verb} result={changed.result} /> : null}
      {error ? <Alert tone="error">{error.message}</Alert> : null}
      <Card
        title="Keys"
        description="Each receipt is judged by the key its kid names, at the receipt's own iat: a revocation or expiry invalidates what was signed after it, never before."
        actions={<a className="text-sm text-indigo-700 underline" href={`/api/v1/issuers/${data.id}/trust.json`} download>Download trust file</a>}
      >
        <Table caption={`Keys of ${data.iss}`} head={<tr><Th>kid</Th><Th>Algorithm</Th><Th>Thumbprint (RFC 7638)</Th><Th>Valid</Th><Th>Status</Th><Th>Receipts</Th>{canManage ? <Th /> : null}</tr>}>
          {data.keys.map((k) => (
            <tr key={k.id}>
              <Td><code className="font-mono text-xs">{k.kid}</code><span className="block text-xs text-slate-500">{k.origin === "url" ? "from the JWKS URL" : "added by hand"}</span></Td>
              <Td>{k.alg ?? `${k.kty}${k.crv ? ` ${k.crv}` : ""}`}</Td>
              <Td><code className="break-all font-mono text-xs">{k.thumbprint}</code></Td>
              <Td className="whitespace-nowrap text-xs">from {when(k.validFrom)}<span className="block">until {when(k.validUntil)}</span></Td>
              <Td>
                <KeyStatusBadge status={k.status} />
                {k.revokedAt ? <span className="block text-xs text-slate-600">{when(k.revokedAt)}: {k.revokedReason}{k.revokedBy ? ` (${k.revokedBy})` : ""}</span> : null}
              </Td>
              <Td>{k.receiptCount}</Td>
              {canManage ? (
                <Td className="text-right">
                  {!k.revokedAt ? <Button size="sm" variant="secondary" onClick={() => setRevoking(k)} aria-label={`Revoke key ${k.kid}`}>Revoke…</Button> : null}
                </Td>
              ) : null}
            </tr>
          ))}
        </Table>
        {revoking ? (
          <div className="mt-4">
            <RevokeKeyForm issuerId={data.id} keyView={revoking} onDone={done("Revoked a key of")} onCancel={() => setRevoking(undefined)} />
          </div>
        ) : null}
      </Card>
      {canManage ? (
        <Card title="Add keys (rotation)" description="New kids are added; a kid already registered with the same key is left as it is, with a different key it is refused.">
          <form onSubmit={submitKeys} className="space-y-3" aria-label="Add keys">
            <JwksInput name="jwks" error={error?.fields.jwks} />
            <Button type="submit" disabled={add.isPending}>{add.isPending ? "Adding…" : "Add keys"}</Button>
          </form>
        </Card>
      ) : null}
      {data.jwksUrl ? (
        <Card title="JWKS URL" description="Fetched on a schedule: new keys are added, keys no longer published are retired (valid until the refresh that missed them).">
          <p className="text-sm"><code className="break-all font-mono text-xs">{data.jwksUrl}</code></p>
          <p className="mt-1 text-sm text-slate-600">Last refreshed {when(data.refreshedAt)}.{data.refreshError ? <span className="block text-red-700">Last attempt failed: {data.refreshError}</span> : null}</p>
          {canManage ? <div className="mt-3"><Button variant="secondary" disabled={refresh.isPending} onClick={() => refresh.mutate()}>Refresh now</Button></div> : null}
        </Card>
      ) : null}
    </div>
  );
}
