// Shared by the server page and the client form: a "use client" module cannot export plain values to the server.
export const RECEIPT_FILTER_KEYS = ["from", "to", "issuer", "surface", "decision", "verdict", "actor", "policyVersion", "grant", "receiptId"] as const;
export type ReceiptFilters = Partial<Record<(typeof RECEIPT_FILTER_KEYS)[number], string>>;

