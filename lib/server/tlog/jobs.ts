import "server-only";
import type { Job } from "../scheduler/scheduler";
import { checkpointIfGrown } from "./checkpoints";
import { getLogSigner } from "./log-key";
import { sequencePending } from "./sequence";

/** How often a new checkpoint may be signed while the log grows. */
export const CHECKPOINT_INTERVAL_SECONDS = 5;

/**
 * The log's background jobs: the sequencer every second (a stored receipt is in the log within
 * about a second, well inside the 2 s promise) and a checkpoint whenever the tree has grown.
 */
export function tlogJobs(): Job[] {
  return [
    { name: "tlog-sequencer", intervalSeconds: 1, run: async (ctx) => void (await sequencePending(ctx.db)) },
    {
      name: "tlog-checkpoint",
      intervalSeconds: CHECKPOINT_INTERVAL_SECONDS,
      run: async (ctx) => void (await checkpointIfGrown(ctx.db, await getLogSigner(), ctx.now)),
    },
  ];
}
