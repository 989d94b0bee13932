// What the simulator tells its operator: a one-line status while it runs, a summary at the end
// (text or JSON), and whether everything it sent was accepted (the exit code).
import type { SimulationProgress } from "./simulate-run";

const MINUTE_MS = 60_000;
const n = (value: number) => value.toLocaleString("en-US");

/** Decisions the console acknowledged as stored or already stored (delivered minus rejected). */
function accepted(progress: SimulationProgress): number {
  return progress.delivery.decisions.delivered - progress.delivery.rejected;
}

function undelivered(counts: { emitted: number; delivered: number; failed: number }): number {
  return counts.emitted - counts.delivered - counts.failed;
}

function invalidReceipts(progress: SimulationProgress): number {
  return Object.values(progress.receipts?.invalid ?? {}).reduce((sum, k) => sum + k, 0);
}

/** True when every record and receipt sent was accepted (and, for receipts, verified as valid). */
export function everythingAccepted(progress: SimulationProgress): boolean {
  const { decisions, heartbeats, rejected } = progress.delivery;
  const logsOk = decisions.failed === 0 && heartbeats.failed === 0 && rejected === 0 && undelivered(decisions) === 0 && undelivered(heartbeats) === 0;
  const r = progress.receipts;
  const receiptsOk = !r || (r.failed === 0 && r.rejected === 0 && r.equivocation === 0 && invalidReceipts(progress) === 0);
  return logsOk && receiptsOk;
}

function minutesCovered(progress: SimulationProgress): number {
  return (progress.lastEventAt - progress.plan.options.startMs) / MINUTE_MS;
}

/** One line for the terminal every few seconds. */
export function statusLine(progress: SimulationProgress): string {
  const { decisions, heartbeats, rejected } = progress.delivery;
  const parts = [
    `minute ${minutesCovered(progress).toFixed(1)} of ${progress.plan.options.durationMinutes}`,
    `decisions ${n(decisions.emitted)} sent, ${n(accepted(progress))} accepted, ${n(rejected)} rejected, ${n(decisions.failed)} failed`,
    `heartbeats ${n(heartbeats.emitted)}`,
  ];
  const r = progress.receipts;
  if (r) parts.push(`receipts ${n(r.signed)} signed, ${n(r.stored + r.duplicate)} stored, ${n(r.rejected + r.failed + invalidReceipts(progress))} not accepted`);
  return `simulate: ${parts.join(" · ")}`;
}

/** The machine-readable summary (`--json`). */
export function summaryJson(progress: SimulationProgress): Record<string, unknown> {
  const { plan, delivery } = progress;
  return {
    ok: everythingAccepted(progress),
    url: plan.url,
    protocol: plan.protocol,
    seed: plan.options.seed,
    gates: plan.options.gates,
    speedup: plan.speedup,
    startedAt: new Date(plan.options.startMs).toISOString(),
    lastEventAt: new Date(progress.lastEventAt).toISOString(),
    minutes: Number(minutesCovered(progress).toFixed(3)),
    interrupted: progress.interrupted,
    decisions: { ...delivery.decisions, accepted: accepted(progress), rejected: delivery.rejected, undelivered: undelivered(delivery.decisions) },
    heartbeats: { ...delivery.heartbeats, undelivered: undelivered(delivery.heartbeats) },
    outcomes: progress.outcomes,
    grant: plan.grant ? { id: plan.grant.id, uses: progress.grantUses } : null,
    receipts: progress.receipts ? { ...progress.receipts } : null,
    lastError: delivery.lastError ?? progress.receipts?.lastError ?? null,
  };
}

function outcomeTable(progress: SimulationProgress): string[] {
  const surfaces = Object.keys(progress.outcomes).sort();
  const width = Math.max(8, ...surfaces.map((s) => s.length));
  const lines = [`  ${"surface".padEnd(width)}  ${"PERMIT".padStart(8)}  ${"DENY".padStart(8)}  ${"SILENCE".padStart(8)}`];
  for (const surface of surfaces) {
    const row = progress.outcomes[surface]!;
    lines.push(`  ${surface.padEnd(width)}  ${n(row.PERMIT).padStart(8)}  ${n(row.DENY).padStart(8)}  ${n(row.SILENCE).padStart(8)}`);
  }
  return lines;
}

/** The human summary printed at the end. */
export function summaryText(progress: SimulationProgress): string[] {
  const { plan, delivery } = progress;
  const { decisions, heartbeats } = delivery;
  const lines = [
    `Simulated ${plan.options.gates} gate(s) over ${minutesCovered(progress).toFixed(1)} model minute(s) from ${new Date(plan.options.startMs).toISOString()} (speedup ${plan.speedup}×, ${plan.protocol}) against ${plan.url}${progress.interrupted ? " — interrupted" : ""}.`,
    `decisions: ${n(decisions.emitted)} sent, ${n(accepted(progress))} accepted, ${n(delivery.rejected)} rejected by the console, ${n(decisions.failed)} failed, ${n(undelivered(decisions))} undelivered`,
    `heartbeats: ${n(heartbeats.emitted)} sent, ${n(heartbeats.delivered)} accepted, ${n(heartbeats.failed)} failed`,
    ...outcomeTable(progress),
  ];
  if (plan.grant) lines.push(`break-glass: grant ${plan.grant.id} let ${n(progress.grantUses)} otherwise denied decision(s) through`);
  const r = progress.receipts;
  if (r) {
    const invalid = Object.entries(r.invalid).map(([verdict, k]) => `${verdict} ${n(k)}`).join(", ") || "none";
    lines.push(`receipts: ${n(r.signed)} signed; ${n(r.stored)} stored, ${n(r.duplicate)} duplicate, ${n(r.equivocation)} equivocation, ${n(r.rejected)} rejected, ${n(r.failed)} failed; not valid: ${invalid}`);
  }
  const lastError = delivery.lastError ?? r?.lastError;
  lines.push(everythingAccepted(progress) ? "OK: everything sent was accepted." : `FAILED: not everything sent was accepted${lastError ? ` (last error: ${lastError})` : ""}.`);
  return lines;
}
