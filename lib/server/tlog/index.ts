export { exportEvidenceBundle, previewEvidenceBundle, type BundleExport } from "./bundle-export";
export { checkpointAt, checkpointIfGrown, latestCheckpoint, latestStoredCheckpoint, type CheckpointReason, type CheckpointView } from "./checkpoints";
export { getLogEntries, type LogEntries } from "./entries";
export { getLogGrowth, getLogOverview, listCheckpoints, type GrowthPoint, type LogOverview } from "./history";
export { tlogJobs, CHECKPOINT_INTERVAL_SECONDS } from "./jobs";
export { getLogSigner, loadLogSigner, type LogSigner } from "./log-key";
export { treeSize } from "./nodes";
export { getConsistencyProof, getInclusionProof, type ConsistencyProof, type InclusionProof, type Served } from "./proofs";
export { sequencePending, type SequenceResult } from "./sequence";
export {
  BundleSelectionInput,
  CheckpointHistoryInput,
  ConsistencyProofInput,
  EntriesInput,
  GROWTH_RANGES,
  InclusionProofInput,
  LogGrowthInput,
  MAX_BUNDLE_IDS,
  MAX_ENTRIES_PER_REQUEST,
} from "./schemas";
export { bundleResponse, logJson, logText, queryOf } from "./responses";
