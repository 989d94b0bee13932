import type { AlertRow } from "./alert-store";

export type AlertLinks = { chart?: string; decisions?: string; receipts?: string; grant?: string; source?: string; alert: string };

const HOUR = 3_600_000;

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return search.toString();
}

/** A chart range that shows the whole episode with some context before it. */
function rangeFor(startsAt: number, endsAt: number): string {
  const span = endsAt - startsAt + HOUR;
  return span <= HOUR ? "1h" : span <= 6 * HOUR ? "6h" : span <= 24 * HOUR ? "24h" : span <= 7 * 24 * HOUR ? "7d" : "30d";
}

function evidenceWindow(evidence: Record<string, unknown>): { from: number; to: number } | null {
  const window = evidence.window as { from?: unknown; to?: unknown } | null | undefined;
  return window && typeof window.from === "number" && typeof window.to === "number" ? { from: window.from, to: window.to } : null;
}

/** Console-relative links from an alert to what explains it: the chart, the decisions, the receipts, the grant. */
export function alertLinks(row: AlertRow, now: Date): AlertLinks {
  const links: AlertLinks = { alert: `/alerts/${row.id}` };
  const end = row.resolvedAt?.getTime() ?? now.getTime();
  if (row.surface) {
    const chart = { surface: row.surface, range: rangeFor(row.startsAt.getTime(), end), end: row.resolvedAt ? new Date(end + HOUR / 2).toISOString() : undefined };
    links.chart = `/drift?${query(chart)}`;
    const window = evidenceWindow(row.evidence) ?? { from: row.startsAt.getTime() - HOUR, to: end };
    links.decisions = `/events?${query({ surface: row.surface, outcome: row.outcome ?? undefined, from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString() })}`;
    links.receipts = `/receipts?${query({ surface: row.surface, decision: row.outcome ?? undefined })}`;
  }
  if (row.kind === "receipt_verification_failures" || row.kind === "receipt_equivocation") {
    links.receipts = `/receipts?${query({ issuer: row.labels.iss })}`;
    if (row.kind === "receipt_equivocation") links.receipts = "/findings";
  }
  if (row.kind === "break_glass_used" || row.kind === "break_glass_violation") {
    const grantId = row.evidence.grantId;
    if (typeof grantId === "string") links.grant = `/break-glass/${grantId}`;
    links.receipts = `/receipts?${query({ grant: row.labels.grant })}`;
  }
  if (row.kind === "source_silent" && row.sourceId) links.source = "/sources";
  return links;
}
