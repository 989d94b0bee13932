import { BatchError, IssuerKeyError, parseBatch, parseTrustFile, verifyReceipt, type ReceiptVerdict, type TrustSet } from "@/lib/core/receipts";

/** One receipt to verify and where it came from (pasted text or a file, with its line or item). */
export type ReceiptInput = { origin: string; bytes: Uint8Array };
export type VerifiedReceipt = ReceiptInput & { verdict: ReceiptVerdict };

/** Splits pasted text or a file into receipts as the CLI does: one per line, one flattened JSON object, or a JSON array. */
export function receiptInputs(name: string, text: string): { inputs: ReceiptInput[]; error?: string } {
  if (text.trim() === "") return { inputs: [] };
  try {
    const items = parseBatch(text);
    return { inputs: items.map((item) => ({ origin: item.line ? `${name}:${item.line}` : items.length > 1 ? `${name} #${item.index + 1}` : name, bytes: item.bytes })) };
  } catch (error) {
    if (error instanceof BatchError) return { inputs: [], error: `${name}: ${error.message}` };
    throw error;
  }
}

/** A trust file from text, or a readable reason it cannot be used. */
export async function trustFromText(text: string): Promise<{ trust?: TrustSet; error?: string }> {
  try {
    return { trust: await parseTrustFile(text) };
  } catch (error) {
    if (error instanceof IssuerKeyError) return { error: `The trust file cannot be used: ${error.message}` };
    throw error;
  }
}

/** Verifies every receipt locally, with the same lib/core code as the server and the CLI. */
export async function verifyAll(inputs: ReceiptInput[], trust: TrustSet, at: Date): Promise<VerifiedReceipt[]> {
  return Promise.all(inputs.map(async (input) => ({ ...input, verdict: await verifyReceipt(input.bytes, trust, at) })));
}
