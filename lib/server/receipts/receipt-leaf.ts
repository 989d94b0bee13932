import "server-only";
import { and, eq } from "drizzle-orm";
import { receipts, tlogNodes } from "../db/schema";

/**
 * Join condition from a receipt to its transparency-log leaf: its log index is that leaf's `idx`
 * (null in a left join until the sequencer has appended it). Uses the partial unique index.
 */
export const receiptLeaf = and(eq(tlogNodes.level, 0), eq(tlogNodes.receiptId, receipts.id))!;
