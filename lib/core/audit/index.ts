export { canonicalJson } from "./canonical-json";
export { GENESIS_HASH, auditEntryHash, createChainVerifier } from "./chain";
export type { AuditEntry, ChainBreak, ChainVerdict, ChainedAuditEntry } from "./chain";
