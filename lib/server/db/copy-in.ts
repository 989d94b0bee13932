import "server-only";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import type postgres from "postgres";

/** A COPY that failed where postgres.js does not say why (porsager/postgres#1173). */
export class CopyFailedError extends Error {
  constructor(cause: unknown) {
    super("COPY … FROM STDIN failed (the server aborted the transaction)", { cause });
    this.name = "CopyFailedError";
  }
}

/**
 * Sends `chunks` of COPY data through `statement` (a `COPY … FROM STDIN`) inside transaction `tx`,
 * then runs `next` on the same transaction, pipelined right behind the copy, and returns its result.
 *
 * When the server rejects a COPY after CopyDone, postgres.js never settles the writable
 * (porsager/postgres#1173), so awaiting the writable alone would hang with the transaction open.
 * `next` then fails at once (the transaction is aborted), and that failure ends the wait.
 */
export async function copyInThen<T>(tx: postgres.TransactionSql, statement: string, chunks: readonly Uint8Array[], next: () => Promise<T>): Promise<T> {
  const writable = await tx.unsafe(statement).writable();
  const copied = finished(writable);
  try {
    await Promise.race([writeAll(writable, chunks), copied]);
    // Nothing is left to write, so end() sends CopyDone at once (Writable calls _final
    // synchronously), and postgres.js accepts the next statement on this connection.
    writable.end();
    const following = next().catch((error: unknown) => {
      throw error instanceof Error && (error as { code?: string }).code === "25P02" ? new CopyFailedError(error) : error;
    });
    const [, result] = await Promise.all([copied, following]);
    return result;
  } catch (error) {
    // Settles the writable whatever postgres.js does; a CopyFail after the copy ended is ignored by the server.
    writable.destroy();
    throw error;
  }
}

/** Queues every chunk (the Writable buffers what the socket has not taken yet) and settles with the last. */
function writeAll(writable: Writable, chunks: readonly Uint8Array[]): Promise<void> {
  return new Promise((resolve, reject) => {
    if (chunks.length === 0) resolve();
    chunks.forEach((chunk, i) => writable.write(chunk, i === chunks.length - 1 ? (error) => (error ? reject(error) : resolve()) : undefined));
  });
}
