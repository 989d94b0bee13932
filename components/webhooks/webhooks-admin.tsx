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
import type { WebhookDeliveryView, WebhookView } from "@/lib/server/webhooks";
import { DeliveryLog } from "./delivery-log";

export type KindOption = { value: string; title: string };

function Checkboxes({ legend, name, options, checked }: { legend: string; name: string; options: KindOption[]; checked: (value: string) => boolean }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-1.5 text-sm"><input type="checkbox" name={name} value={o.value} defaultChecked={checked(o.value)} /> {o.title}</label>
        ))}
      </div>
    </fieldset>
  );
}

const SEVERITIES: KindOption[] = [
  { value: "critical", title: "critical" },
  { value: "warning", title: "warning" },
];

function CreateWebhook({ kinds, onCreated }: { kinds: KindOption[]; onCreated(): void }) {
  const [error, setError] = useState<ApiError | undefined>();
  const [created, setCreated] = useState<{ name: string; secret: string } | undefined>();
  const create = useMutation({
    mutationFn: (body: unknown) => api<{ webhook: WebhookView; secret: string }>("/api/v1/webhooks", { method: "POST", body }),
    onSuccess: (result) => (setCreated({ name: result.webhook.name, secret: result.secret }), setError(undefined), onCreated()),
    onError: (caught) => setError(caught instanceof ApiError ? caught : undefined),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const secret = String(form.get("secret") ?? "").trim();
    create.mutate({ name: form.get("name"), url: form.get("url"), kinds: form.getAll("kinds"), severities: form.getAll("severities"), ...(secret ? { secret } : {}) });
  }
  return (
    <Card title="Add a webhook" description="Notifications are Alertmanager webhook (version 4) bodies, signed with HMAC-SHA256 over timestamp and body (docs/alerting.md shows how a receiver checks them).">
      <form onSubmit={submit} aria-label="Add a webhook" className="space-y-3">
        <div className="grid gap-3 md:grid-cols-3">
          <TextField label="Name" name="name" required placeholder="e.g. pagerduty-bridge" error={error?.fields.name} />
          <TextField label="URL" name="url" type="url" required placeholder="https://alerts.example.com/countersign" error={error?.fields.url} />
          <TextField label="Secret (optional)" name="secret" placeholder="generated when empty" error={error?.fields.secret} hint="Shown once; stored encrypted." autoComplete="off" />
        </div>
        <Checkboxes legend="Kinds (none checked: all)" name="kinds" options={kinds} checked={() => false} />
        <Checkboxes legend="Severities" name="severities" options={SEVERITIES} checked={() => true} />
        {error && !error.fields.name && !error.fields.url && !error.fields.secret ? <Alert tone="error">{error.message}</Alert> : null}
        <Button type="submit" disabled={create.isPending}>Create webhook</Button>
      </form>
      {created ? <div className="mt-4"><SecretOnce label={`Signing secret for ${created.name}`} secret={created.secret} /></div> : null}
    </Card>
  );
}

function WebhookRow({ hook, onChanged }: { hook: WebhookView; onChanged(): void }) {
  const [result, setResult] = useState<WebhookDeliveryView | undefined>();
  const [secret, setSecret] = useState<string | undefined>();
  const [showLog, setShowLog] = useState(false);
  const test = useMutation({ mutationFn: () => api<WebhookDeliveryView>(`/api/v1/webhooks/${hook.id}/test`, { method: "POST" }), onSuccess: (d) => (setResult(d), onChanged()) });
  const toggle = useMutation({ mutationFn: () => api(`/api/v1/webhooks/${hook.id}`, { method: "PATCH", body: { enabled: !hook.enabled } }), onSuccess: onChanged });
  const rotate = useMutation({ mutationFn: () => api<{ secret: string }>(`/api/v1/webhooks/${hook.id}/rotate-secret`, { method: "POST" }), onSuccess: (r) => (setSecret(r.secret), onChanged()) });
  const remove = useMutation({ mutationFn: () => api(`/api/v1/webhooks/${hook.id}`, { method: "DELETE" }), onSuccess: onChanged });
  return (
    <>
      <tr>
        <Td><p className="font-medium">{hook.name}</p><p className="break-all text-xs text-slate-500">{hook.url}</p><p className="text-xs text-slate-500">secret {hook.secretHint}</p></Td>
        <Td className="text-xs">{hook.kinds.length === 0 ? "all kinds" : hook.kinds.join(", ")}<span className="block">{hook.severities.join(", ")}</span></Td>
        <Td>{hook.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="neutral">Disabled</Badge>}</Td>
        <Td className="text-xs">{hook.lastDelivery ? `${hook.lastDelivery.state}${hook.lastDelivery.statusCode ? ` (HTTP ${hook.lastDelivery.statusCode})` : ""}` : "none yet"}</Td>
        <Td className="space-x-1 whitespace-nowrap text-right">
          <Button size="sm" onClick={() => test.mutate()} disabled={test.isPending} aria-label={`Send a test to ${hook.name}`}>Send test</Button>
          <Button size="sm" variant="secondary" onClick={() => setShowLog((v) => !v)} aria-expanded={showLog} aria-label={`Delivery log of ${hook.name}`}>Deliveries</Button>
          <Button size="sm" variant="secondary" onClick={() => toggle.mutate()}>{hook.enabled ? "Disable" : "Enable"}</Button>
          <Button size="sm" variant="secondary" onClick={() => rotate.mutate()} aria-label={`Rotate the secret of ${hook.name}`}>Rotate secret</Button>
          <Button size="sm" variant="danger" onClick={() => remove.mutate()} aria-label={`Delete webhook ${hook.name}`}>Delete</Button>
        </Td>
      </tr>
      {result || secret || showLog ? (
        <tr>
          <Td className="bg-slate-50" ><span className="sr-only">Details for {hook.name}</span></Td>
          <td colSpan={4} className="bg-slate-50 px-3 py-2">
            {result ? (
              <Alert tone={result.state === "delivered" ? "success" : "error"} title={result.state === "delivered" ? `Test delivered: HTTP ${result.lastStatusCode}` : "Test failed"}>
                {result.state === "delivered" ? "The receiver answered 2xx." : (result.lastError ?? `HTTP ${result.lastStatusCode}`)}
              </Alert>
            ) : null}
            {secret ? <div className="mt-2"><SecretOnce label={`New signing secret for ${hook.name}`} secret={secret} /></div> : null}
            {showLog ? <div className="mt-2"><DeliveryLog webhookId={hook.id} /></div> : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** Webhook receivers (admin): add, test, enable/disable, rotate the secret, delete, and read the delivery log. */
export function WebhooksAdmin({ initial, kinds }: { initial: WebhookView[]; kinds: KindOption[] }) {
  const queryClient = useQueryClient();
  const hooks = useQuery({ queryKey: ["webhooks"], queryFn: () => api<{ items: WebhookView[] }>("/api/v1/webhooks").then((r) => r.items), initialData: initial, refetchInterval: 15_000 });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ["webhooks"] });
  return (
    <div className="space-y-6">
      <CreateWebhook kinds={kinds} onCreated={refresh} />
      <Card title="Webhooks" description="Firing and resolved alerts are both sent, grouped per kind per evaluation; failures are retried with exponential backoff (30 s doubling to an hour, 10 attempts).">
        {hooks.data.length === 0 ? (
          <p className="text-sm text-slate-600">No webhooks yet: alerts are shown in the console only.</p>
        ) : (
          <Table caption="Webhooks" head={<tr><Th>Receiver</Th><Th>Sends</Th><Th>Status</Th><Th>Last delivery</Th><Th /></tr>}>
            {hooks.data.map((hook) => <WebhookRow key={hook.id} hook={hook} onChanged={refresh} />)}
          </Table>
        )}
      </Card>
    </div>
  );
}
