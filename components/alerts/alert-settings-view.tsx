"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { formatDuration, formatPercent } from "@/components/drift/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { ApiError, api } from "@/lib/client/api";
import type { AlertSettings, SourceAlertView, SurfaceSettingsView } from "@/lib/server/alerts";
import type { JobHealth } from "@/lib/server/scheduler";

const CONTROL = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";

function SurfaceRow({ surface, canEdit, onSaved }: { surface: SurfaceSettingsView; canEdit: boolean; onSaved(): void }) {
  const [error, setError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (body: unknown) => api("/api/v1/alerts/settings", { method: "PUT", body }),
    onSuccess: () => (setError(undefined), onSaved()),
    onError: (caught) => setError(caught instanceof ApiError ? caught.message : "Could not save."),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const minVolume = String(form.get("minVolume") ?? "").trim();
    save.mutate({ surface: surface.surface, sensitivity: form.get("sensitivity"), minVolume: minVolume === "" ? null : Number(minVolume), muted: form.get("muted") === "on" });
  }
  const id = `surface-${surface.surface}`;
  const baseline = surface.baselines.DENY;
  return (
    <tr>
      <Td className="font-medium">{surface.surface}</Td>
      <Td>
        {baseline ? `${formatPercent(baseline.rate)} DENY · ${formatPercent(surface.baselines.SILENCE?.rate)} SILENCE` : "—"}
        {baseline?.status === "learning" ? <span className="ml-1"><Badge tone="blue">learning</Badge></span> : null}
      </Td>
      <Td>
        {canEdit ? (
          <form onSubmit={submit} aria-label={`Settings for ${surface.surface}`} className="flex flex-wrap items-center gap-3">
            <label className="text-xs text-slate-600" htmlFor={`${id}-sensitivity`}>Sensitivity</label>
            <select id={`${id}-sensitivity`} name="sensitivity" defaultValue={surface.sensitivity} className={CONTROL}>
              <option value="low">low</option>
              <option value="medium">medium</option>
              <option value="high">high</option>
            </select>
            <label className="text-xs text-slate-600" htmlFor={`${id}-min`}>Minimum volume</label>
            <input id={`${id}-min`} name="minVolume" type="number" min={1} max={100000} defaultValue={surface.minVolume ?? ""} placeholder={String(surface.effectiveMinVolume)} className={`${CONTROL} w-24`} />
            <label className="flex items-center gap-1 text-sm"><input type="checkbox" name="muted" defaultChecked={surface.muted} /> Muted</label>
            <Button size="sm" type="submit" disabled={save.isPending}>Save</Button>
            {error ? <span role="alert" className="text-xs text-red-700">{error}</span> : null}
            {surface.updatedBy ? <span className="text-xs text-slate-500">changed by {surface.updatedBy}</span> : null}
          </form>
        ) : (
          <span>{surface.sensitivity}, minimum volume {surface.effectiveMinVolume}{surface.muted ? ", muted" : ""}</span>
        )}
      </Td>
    </tr>
  );
}

function SourceRow({ source, canEdit, onSaved }: { source: SourceAlertView; canEdit: boolean; onSaved(): void }) {
  const [error, setError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (seconds: number) => api(`/api/v1/alerts/settings/sources/${source.id}`, { method: "PUT", body: { expectedIntervalSeconds: seconds } }),
    onSuccess: () => (setError(undefined), onSaved()),
    onError: (caught) => setError(caught instanceof ApiError ? caught.message : "Could not save."),
  });
  const tone = source.status === "silent" ? "red" : source.status === "late" ? "amber" : source.status === "never" ? "neutral" : "green";
  return (
    <tr>
      <Td className="font-medium">{source.name}</Td>
      <Td><Badge tone={tone}>{source.status === "never" ? "never reported" : source.status}</Badge></Td>
      <Td><span suppressHydrationWarning>{source.lastSeenAt ? new Date(source.lastSeenAt).toLocaleString() : "—"}</span></Td>
      <Td>
        {canEdit ? (
          <form aria-label={`Expected interval for ${source.name}`} className="flex items-center gap-2" onSubmit={(e) => (e.preventDefault(), save.mutate(Number(new FormData(e.currentTarget).get("seconds"))))}>
            <input aria-label="Expected interval in seconds" name="seconds" type="number" min={10} max={604800} defaultValue={source.expectedIntervalSeconds} className={`${CONTROL} w-28`} />
            <span className="text-xs text-slate-500">s</span>
            <Button size="sm" type="submit" disabled={save.isPending}>Save</Button>
            {error ? <span role="alert" className="text-xs text-red-700">{error}</span> : null}
          </form>
        ) : (
          `${source.expectedIntervalSeconds} s`
        )}
      </Td>
    </tr>
  );
}

/** Per-surface detector settings, per-source silence settings, and the background jobs' health. */
export function AlertSettingsView({ initial, jobs, canEdit }: { initial: AlertSettings; jobs: JobHealth[]; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ["alert-settings"], queryFn: () => api<AlertSettings>("/api/v1/alerts/settings"), initialData: initial });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ["alert-settings"] });
  return (
    <div className="space-y-6">
      <Card title="Surfaces" description="Sensitivity trades detection speed for false alarms (docs/alerting.md has the measured figures). Minimum volume: fewest decisions in the evidence window before a rate alert may fire. Muted: no new rate alerts. Changes are on the audit trail.">
        {settings.data.surfaces.length === 0 ? (
          <p className="text-sm text-slate-600">No surfaces yet: they appear after the first evaluation that sees decisions.</p>
        ) : (
          <Table caption="Surface settings" head={<tr><Th>Surface</Th><Th>Baseline</Th><Th>Settings</Th></tr>}>
            {settings.data.surfaces.map((s) => <SurfaceRow key={s.surface} surface={s} canEdit={canEdit} onSaved={refresh} />)}
          </Table>
        )}
      </Card>
      <Card title="Sources" description="A source is silent after two evaluations in a row find nothing from it (heartbeats included) for longer than its expected interval; its rate alerts are held meanwhile.">
        {settings.data.sources.length === 0 ? (
          <p className="text-sm text-slate-600">No active sources.</p>
        ) : (
          <Table caption="Source silence settings" head={<tr><Th>Source</Th><Th>Status</Th><Th>Last seen</Th><Th>Expected interval</Th></tr>}>
            {settings.data.sources.map((s) => <SourceRow key={s.id} source={s} canEdit={canEdit} onSaved={refresh} />)}
          </Table>
        )}
      </Card>
      <Card title="Evaluator health" description="Background jobs run in one console instance at a time. A job that has not succeeded for three intervals raises a job_stalled alert.">
        {jobs.length === 0 ? (
          <Alert tone="warning" title="No job has run yet">The scheduler starts with the console; evaluations begin within a minute.</Alert>
        ) : (
          <Table caption="Background jobs" head={<tr><Th>Job</Th><Th>Every</Th><Th>Last success</Th><Th>Last duration</Th><Th>Runs / failures</Th><Th>Status</Th></tr>}>
            {jobs.map((job) => (
              <tr key={job.name}>
                <Td className="font-medium">{job.name}</Td>
                <Td>{formatDuration(job.intervalSeconds * 1000)}</Td>
                <Td><span suppressHydrationWarning>{job.lastSucceededAt ? new Date(job.lastSucceededAt).toLocaleString() : "never"}</span></Td>
                <Td>{job.lastDurationMs === null ? "—" : `${job.lastDurationMs} ms`}</Td>
                <Td>{job.runs} / {job.failures}</Td>
                <Td>{job.stalled ? <Badge tone="red">stalled</Badge> : job.failing ? <Badge tone="amber">last run failed</Badge> : <Badge tone="green">ok</Badge>}{job.lastError ? <span className="block text-xs text-red-700">{job.lastError}</span> : null}</Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
