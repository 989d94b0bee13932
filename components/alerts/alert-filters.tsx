"use client";

import { usePathname, useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { AlertFilters, KindOption } from "./alert-filter-keys";

export function AlertFiltersForm({ filters, kinds }: { filters: AlertFilters; kinds: KindOption[] }) {
  const router = useRouter();
  const pathname = usePathname();

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of ["state", "kind", "surface", "outcome"] as const) {
      const value = String(form.get(key) ?? "").trim();
      if (value) next.set(key, value);
    }
    router.push(`${pathname}?${next}`);
  }

  return (
    <form onSubmit={apply} aria-label="Filter alerts" className="grid gap-3 md:grid-cols-5 md:items-end">
      <SelectField label="State" name="state" defaultValue={filters.state ?? ""}>
        <option value="">Any</option>
        <option value="open">Open (pending or firing)</option>
        <option value="firing">Firing</option>
        <option value="pending">Pending</option>
        <option value="resolved">Resolved</option>
      </SelectField>
      <SelectField label="Kind" name="kind" defaultValue={filters.kind ?? ""}>
        <option value="">Any</option>
        {kinds.map((kind) => (
          <option key={kind.value} value={kind.value}>{kind.title}</option>
        ))}
      </SelectField>
      <TextField label="Surface" name="surface" defaultValue={filters.surface} placeholder="e.g. payments" />
      <SelectField label="Outcome" name="outcome" defaultValue={filters.outcome ?? ""}>
        <option value="">Any</option>
        <option>DENY</option>
        <option>SILENCE</option>
      </SelectField>
      <div className="flex gap-2">
        <Button type="submit">Apply</Button>
        <Button variant="ghost" onClick={() => router.push(pathname)}>Clear</Button>
      </div>
    </form>
  );
}
