import "server-only";
import type { DecisionRow } from "@/lib/core/otlp";
import type { DbOrTx } from "../db";
import { postgresClientOf } from "../db/client";
import { logger } from "../telemetry/logger";
import { copyDecisionBatch, stageDecisionBatch } from "./copy-decisions";
import { CopyFailedError } from "../db/copy-in";
import { type DecisionBatch, encodeDecisionBatch } from "./decision-batch";
import { insertDecisions } from "./insert-decisions";

/**
 * Stores one request's decisions and bumps the per-minute rollup, atomically: rows already
 * stored (a retried batch) are skipped and not counted again. Returns how many rows were new.
 * PGlite stores them with one INSERT statement. PostgreSQL takes them with COPY; should that meet
 * rows stored meanwhile (a concurrent identical batch), it is rolled back and the batch goes in
 * through a staging table and INSERT … ON CONFLICT DO NOTHING instead.
 */
export function recordDecisions(db: DbOrTx, sourceId: string, rows: DecisionRow[], receivedAt: Date): Promise<number> {
  if (rows.length === 0) return Promise.resolve(0);
  if (postgresClientOf(db) === null) return insertDecisions(db, sourceId, rows, receivedAt);
  // Not async: from here on only the encoded batch is held while the database works.
  return storeDecisionBatch(db, encodeDecisionBatch(rows, sourceId, receivedAt));
}

async function storeDecisionBatch(db: DbOrTx, batch: DecisionBatch): Promise<number> {
  try {
    return await copyDecisionBatch(db, batch);
  } catch (error) {
    if (!mayBeConflict(error)) throw error;
    logger.info({ reason: (error as Error).message, rows: batch.rows }, "ingest: COPY rolled back; storing the batch with INSERT … ON CONFLICT");
  }
  return stageDecisionBatch(db, batch);
}

/**
 * Whether a failed COPY may have met rows another transaction stored: a unique violation or a
 * deadlock on the unique index, or a failure postgres.js did not explain (porsager/postgres#1173).
 */
function mayBeConflict(error: unknown): boolean {
  if (error instanceof CopyFailedError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "40P01";
}
