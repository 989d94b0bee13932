"use client";

import { usePathname, useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";

import { fromLocalInput, toLocalInput } from "@/lib/client/datetime-local";
import { EVENT_FILTERS, type EventFilters } from "./event-filter-keys";

export function EventFiltersForm({ filters, sources }: { filters: EventFilters; sources: Array<{ id: string; name: string }> }) {
  const router = useRouter();
  const pathname = usePathname();

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of EVENT_FILTERS) {
      const value = String(form.get(key) ?? "").trim();
      if (!value) continue;
      next.set(key, key === "from" || key === "to" ? fromLocalInput(value) : value);
    }
    router.push(`${pathname}?${next}`);
  }

  return (
    <form onSubmit={apply} aria-label="Filter decision events" className="grid gap-3 md:grid-cols-3 lg:grid-cols-5 lg:items-end">
      <TextField label="From" name="from" type="datetime-local" defaultValue={toLocalInput(filters.from)} />
      <TextField label="To" name="to" type="datetime-local" defaultValue={toLocalInput(filters.to)} />
      <TextField label="Surface" name="surface" defaultValue={filters.surface} placeholder="e.g. payments" />
      <SelectField label="Outcome" name="outcome" defaultValue={filters.outcome ?? ""}>
        <option value="">Any</option>
        <option>PERMIT</option>
        <option>DENY</option>
        <option>SILENCE</option>
      </SelectField>
      <SelectField label="Source" name="source" defaultValue={filters.source ?? ""}>
        <option value="">Any</option>
        {sources.map((source) => (
          <option key={source.id} value={source.id}>{source.name}</option>
        ))}
      </SelectField>
      <TextField label="Decision source" name="decisionSource" defaultValue={filters.decisionSource} placeholder="config, hook, user_reject…" />
      <TextField label="Session id" name="session" defaultValue={filters.session} />
      <TextField label="Actor" name="actor" defaultValue={filters.actor} />
      <TextField label="Gate" name="gate" defaultValue={filters.gate} />
      <div className="flex gap-2">
        <Button type="submit">Apply</Button>
        <Button variant="ghost" onClick={() => router.push(pathname)}>Clear</Button>
      </div>
    </form>
  );
}
