export { getReceiptFindings, type DeterminismFinding, type EquivocationFinding, type KeyFinding, type ReceiptFindings } from "./findings";
export { getReceipt, type ReceiptDetail } from "./get-receipt";
export { ingestReceipts, type IngestResult } from "./ingest-receipts";
export { listReceipts } from "./list-receipts";
export type { MatchedDecisionEvent } from "./matching-events";
export type { ReceiptSummary } from "./receipt-view";
export { reverifyReceipts, type ReverifyScope } from "./reverify-receipts";
export { ListReceiptsInput, RECEIPT_FILTERS, VERDICT_CODES } from "./schemas";
