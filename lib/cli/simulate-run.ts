// The simulator's clock: walks the seeded traffic model in time order, waits until each event
// is due (model time compressed by --speedup), and hands it to its gate and to the receipt sender.
import { setImmediate as yieldToIo, setTimeout as sleep } from "node:timers/promises";
import { simulateTraffic, type Outcome, type SimulatedDecision, type SimulateOptions } from "../core/simulate";
import { GateFleet, type DeliveryTally, type OtlpProtocol } from "./simulate-gates";
import { grantCovers, type HonouredGrant } from "./simulate-grant";
import { GateRecordWriter } from "./simulate-records";
import type { ReceiptSender, ReceiptTally } from "./simulate-receipts";

export type SimulationPlan = {
  options: SimulateOptions;
  url: string;
  token: string;
  protocol: OtlpProtocol;
  gzip: boolean;
  version: string;
  /** Model minutes per wall-clock minute. */
  speedup: number;
  /** Stop after this many decisions. */
  count: number | undefined;
  receipts: ReceiptSender | undefined;
  grant: HonouredGrant | undefined;
  statusEveryMs: number;
};

/** Everything the run did, for the status line, the summary and the exit code. */
export type SimulationProgress = {
  plan: SimulationPlan;
  delivery: DeliveryTally;
  receipts: ReceiptTally | undefined;
  /** Decisions sent, by surface and outcome. */
  outcomes: Record<string, Record<Outcome, number>>;
  grantUses: number;
  /** Model time of the last event sent (epoch ms). */
  lastEventAt: number;
  interrupted: boolean;
};

const YIELD_EVERY = 256;

async function waitUntil(wallMs: number, signal: AbortSignal): Promise<void> {
  const delay = wallMs - Date.now();
  if (delay > 1) await sleep(delay, undefined, { signal }).catch(() => undefined);
}

/** A DENY the grant covers becomes a PERMIT carrying the grant's id, as a gate honouring it would decide. */
function applyGrant(d: SimulatedDecision, grant: HonouredGrant | undefined): { decision: SimulatedDecision; grantId: string | undefined } {
  if (!grant || d.outcome !== "DENY" || !grantCovers(grant, d)) return { decision: d, grantId: undefined };
  return { decision: { ...d, outcome: "PERMIT", source: "break_glass" }, grantId: grant.id };
}

function countOutcome(progress: SimulationProgress, d: SimulatedDecision): void {
  const row = (progress.outcomes[d.surface] ??= { PERMIT: 0, DENY: 0, SILENCE: 0 });
  row[d.outcome]++;
}

/** Runs the simulation to its end (duration, --count, or the signal) and returns the final tallies. */
export async function runSimulation(plan: SimulationPlan, signal: AbortSignal, onStatus: (progress: SimulationProgress) => void): Promise<SimulationProgress> {
  const { options } = plan;
  const gates = Array.from({ length: options.gates }, (_, i) => `gate-${i + 1}`);
  const fleet = new GateFleet({ url: plan.url, token: plan.token, protocol: plan.protocol, gzip: plan.gzip, gates, version: plan.version });
  const writers = new Map(gates.map((gate) => [gate, new GateRecordWriter(gate, options.seed)]));
  const progress: SimulationProgress = { plan, delivery: fleet.tally, receipts: plan.receipts?.tally, outcomes: {}, grantUses: 0, lastEventAt: options.startMs, interrupted: false };
  const wallStart = Date.now();
  const status = setInterval(() => onStatus(progress), plan.statusEveryMs);
  let decisions = 0;
  let sinceYield = 0;
  try {
    for (const event of simulateTraffic(options)) {
      if (plan.count !== undefined && decisions >= plan.count) break;
      await waitUntil(wallStart + (event.at - options.startMs) / plan.speedup, signal);
      if (signal.aborted) break;
      const writer = writers.get(event.gate)!;
      if (event.kind === "heartbeat") {
        fleet.emit(event.gate, "heartbeats", writer.heartbeat(event.at));
      } else {
        const { decision, grantId } = applyGrant(event, plan.grant);
        fleet.emit(event.gate, "decisions", writer.decision(decision, grantId));
        countOutcome(progress, decision);
        if (grantId) progress.grantUses++;
        decisions++;
        await plan.receipts?.add(decision, grantId);
      }
      progress.lastEventAt = event.at;
      await fleet.relieve();
      // A fast replay never sleeps: let the exporters' sockets and the status timer run.
      if (++sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        await yieldToIo();
      }
    }
  } finally {
    progress.interrupted = signal.aborted;
    clearInterval(status);
    await fleet.shutdown();
    await plan.receipts?.flush();
  }
  return progress;
}
