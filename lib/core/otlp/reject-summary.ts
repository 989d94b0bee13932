import type { RejectCode, RejectedRecord } from "./decision-row";

const LABELS: Record<RejectCode, string> = {
  missing_surface: "missing surface (no surface or tool_name attribute)",
  missing_decision: "missing decision",
  unknown_decision: "unknown decision",
  duplicate_attribute: "duplicate attribute",
  field_too_long: "surface too long",
};

const MAX_DETAILS = 3;

/**
 * The partialSuccess.errorMessage for rejected records, grouped by reason in order of first
 * appearance, e.g. "3 log records rejected: 2 missing decision, 1 unknown decision 'maybe'".
 */
export function summarizeRejections(rejected: readonly RejectedRecord[]): string {
  if (rejected.length === 0) return "";
  const groups = new Map<RejectCode, { count: number; details: Set<string> }>();
  for (const r of rejected) {
    const group = groups.get(r.code) ?? { count: 0, details: new Set<string>() };
    group.count++;
    if (r.detail !== null && group.details.size <= MAX_DETAILS) group.details.add(r.detail);
    groups.set(r.code, group);
  }
  const parts = [...groups].map(([code, g]) => `${g.count} ${LABELS[code]}${formatDetails(g.details)}`);
  const noun = rejected.length === 1 ? "log record" : "log records";
  return `${rejected.length} ${noun} rejected: ${parts.join(", ")}`;
}

function formatDetails(details: Set<string>): string {
  if (details.size === 0) return "";
  const shown = [...details].slice(0, MAX_DETAILS).map((d) => `'${d}'`);
  if (details.size > MAX_DETAILS) shown.push("…");
  return details.size === 1 ? ` ${shown[0]}` : ` (${shown.join(", ")})`;
}
