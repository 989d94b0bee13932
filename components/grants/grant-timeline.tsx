import { Card } from "@/components/ui/card";
import type { GrantTimelineItem } from "@/lib/server/grants/grant-view";
import { formatInstant, VIOLATION_LABELS } from "./grant-format";

const TITLES: Record<GrantTimelineItem["kind"], string> = {
  requested: "Requested",
  approval: "Approved",
  activated: "Activated",
  denied: "Denied",
  revoked: "Revoked",
  expired: "Expired",
  request_expired: "Request expired",
  token_retrieved: "Token retrieved",
  used: "Used",
};

function title(entry: GrantTimelineItem): string {
  if (entry.kind !== "used" || !entry.use) return TITLES[entry.kind];
  const what = `${entry.use.first ? "First use" : "Used"}: ${entry.use.surface ?? "?"} · ${entry.use.action ?? "?"} (${entry.use.decision ?? "?"})`;
  return entry.use.violations.length ? `${what} — flagged ${entry.use.violations.map((v) => VIOLATION_LABELS[v] ?? v).join(", ")}` : what;
}

function actorOf(entry: GrantTimelineItem): string {
  if (entry.kind === "used") return entry.actor.id || "a gate";
  if (entry.actor.id.startsWith("system:")) return "the console";
  return entry.actor.email ?? entry.actor.id;
}

export function GrantTimeline({ entries }: { entries: GrantTimelineItem[] }) {
  return (
    <Card title="Timeline" description="Every step with who took it, when and why. Everything here is also in the audit trail.">
      <ol aria-label="Timeline" className="space-y-3 border-l border-slate-200 pl-4">
        {entries.map((entry, index) => {
          const flagged = (entry.use?.violations.length ?? 0) > 0 || entry.kind === "denied" || entry.kind === "revoked";
          return (
            <li key={`${entry.kind}-${entry.at}-${index}`} className="relative">
              <span aria-hidden className={`absolute -left-[1.3rem] top-1.5 h-2 w-2 rounded-full ${flagged ? "bg-red-500" : "bg-indigo-500"}`} />
              <p className="text-sm font-medium text-slate-900">{title(entry)}</p>
              <p className="text-xs text-slate-500">{formatInstant(entry.at)} · {actorOf(entry)}</p>
              {entry.note && entry.kind !== "used" ? <p className="mt-0.5 text-sm text-slate-700">“{entry.note}”</p> : null}
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
