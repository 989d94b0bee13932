export { appendAudit, type AuditEvent } from "./append-audit";
export { listAudit, ListAuditInput } from "./list-audit";
export { verifyAuditChain } from "./verify-audit-chain";
