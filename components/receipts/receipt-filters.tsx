"use client";

import { usePathname, useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { VERDICT_DESCRIPTIONS } from "@/lib/core/receipts";
import { RECEIPT_FILTER_KEYS, type ReceiptFilters } from "./receipt-filter-keys";

const TIME_KEYS = new Set(["from", "to"]);

export function ReceiptFiltersForm({ filters, issuers }: { filters: ReceiptFilters; issuers: string[] }) {
  const router = useRouter();
  const pathname = usePathname();

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of RECEIPT_FILTER_KEYS) {
      const value = String(form.get(key) ?? "").trim();
      if (value) next.set(key, TIME_KEYS.has(key) ? new Date(value).toISOString() : value);
    }
    router.push(`${pathname}?${next}`);
  }

  const local = (iso?: string) => (iso ? new Date(new Date(iso).getTime() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : "");
  return (
    <form onSubmit={apply} aria-label="Filter receipts" className="grid gap-3 md:grid-cols-3 lg:grid-cols-5 lg:items-end">
      <TextField label="From" name="from" type="datetime-local" defaultValue={local(filters.from)} />
      <TextField label="To" name="to" type="datetime-local" defaultValue={local(filters.to)} />
      <SelectField label="Issuer" name="issuer" defaultValue={filters.issuer ?? ""}>
        <option value="">Any</option>
        {[...new Set([...issuers, ...(filters.issuer ? [filters.issuer] : [])])].map((iss) => (
          <option key={iss}>{iss}</option>
        ))}
      </SelectField>
      <SelectField label="Verdict" name="verdict" defaultValue={filters.verdict ?? ""}>
        <option value="">Any</option>
        {Object.entries(VERDICT_DESCRIPTIONS).map(([code, description]) => (
          <option key={code} value={code} title={description}>{code}</option>
        ))}
      </SelectField>
      <SelectField label="Decision" name="decision" defaultValue={filters.decision ?? ""}>
        <option value="">Any</option>
        <option>PERMIT</option>
        <option>DENY</option>
        <option>SILENCE</option>
      </SelectField>
      <TextField label="Surface" name="surface" defaultValue={filters.surface} placeholder="e.g. payments" />
      <TextField label="Actor" name="actor" defaultValue={filters.actor} placeholder="e.g. agent:billing-bot" />
      <TextField label="Policy version" name="policyVersion" defaultValue={filters.policyVersion} />
      <TextField label="Break-glass grant" name="grant" defaultValue={filters.grant} hint="A grant id, or any" />
      <TextField label="Receipt id" name="receiptId" defaultValue={filters.receiptId} />
      <div className="flex gap-2">
        <Button type="submit">Apply</Button>
        <Button variant="ghost" onClick={() => router.push(pathname)}>Clear</Button>
      </div>
    </form>
  );
}
