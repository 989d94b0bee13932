import "server-only";
import { hash } from "node:crypto";
import {
  OtlpDecodeError,
  decodeExportLogsRequest,
  encodeExportLogsResponse,
  normalizeLogsRequest,
  otlpEncodingOf,
  type NormalizedLogs,
  type OtlpEncoding,
} from "@/lib/core/otlp";
import { getConfig } from "../config";
import { getDb, type DbOrTx } from "../db";
import { AppError } from "../errors";
import { recordDecisions } from "../events/record-decisions";
import { requireIngestSource } from "../http/ingest-auth";
import { touchSource } from "../sources";
import { logger } from "../telemetry/logger";
import { ingestMetrics } from "./ingest-metrics";
import { readOtlpBody } from "./read-otlp-body";
import { otlpErrorResponse } from "./status-body";

const sha256Hex = (text: string) => hash("sha256", text, "hex");
let inFlight = 0;

const HTTP_STATUS: Partial<Record<AppError["code"], number>> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  LIMIT_EXCEEDED: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

const DECODE_STATUS: Partial<Record<OtlpDecodeError["code"], number>> = {
  OTLP_UNSUPPORTED_CONTENT_TYPE: 415,
  OTLP_TOO_MANY_RECORDS: 413,
};

/** POST /v1/logs: the OTLP/HTTP logs receiver (DESIGN.md, Contract 1). */
export async function receiveLogs(req: Request): Promise<Response> {
  const encoding = otlpEncodingOf(req.headers.get("content-type"));
  if (!encoding) return otlpErrorResponse(415, "Send application/x-protobuf or application/json.", null);
  const config = getConfig().ingest;
  if (inFlight >= config.maxConcurrency) {
    ingestMetrics.requests.inc({ status: "429" });
    return otlpErrorResponse(429, "The receiver is busy; retry shortly.", encoding, 1);
  }
  inFlight += 1;
  try {
    return await handle(req, encoding, config);
  } catch (error) {
    return toOtlpError(error, encoding);
  } finally {
    inFlight -= 1;
  }
}

async function handle(req: Request, encoding: OtlpEncoding, limits: { maxBodyBytes: number; maxDecompressedBytes: number }) {
  const db = await connect();
  const source = await requireIngestSource(req, db).catch(rethrowUnavailable);
  const body = await readOtlpBody(req, limits);
  const receivedAt = new Date();
  const { counts, storing } = ingest(db, source.id, body, req.headers.get("content-type"), receivedAt);
  const stored = await storing.catch(rethrowUnavailable);
  await touchSource(db, source.id, receivedAt).catch((error: unknown) => logger.warn({ err: error }, "could not update last-seen"));

  ingestMetrics.records.inc({ kind: "decision_stored" }, stored);
  ingestMetrics.records.inc({ kind: "decision_duplicate" }, counts.decisions - stored + counts.duplicates);
  ingestMetrics.records.inc({ kind: "heartbeat" }, counts.heartbeats);
  ingestMetrics.records.inc({ kind: "other_event" }, counts.otherEvents);
  ingestMetrics.records.inc({ kind: "rejected" }, counts.rejectedCount);
  ingestMetrics.requests.inc({ status: "200" });
  const response = encodeExportLogsResponse({ rejectedCount: counts.rejectedCount, errorMessage: counts.errorMessage }, encoding);
  return new Response(new Uint8Array(response.body), { status: 200, headers: { "Content-Type": response.contentType, "Cache-Control": "no-store" } });
}

type Counts = Pick<NormalizedLogs, "heartbeats" | "otherEvents" | "duplicates" | "rejectedCount" | "errorMessage"> & { decisions: number };

/**
 * Decodes and normalizes a body and starts storing its decisions (atomically: one transaction,
 * or one statement). Only counts come back, so nothing of the decoded request outlives this call
 * while the database works (see DecisionBatch).
 */
function ingest(db: DbOrTx, sourceId: string, body: Uint8Array, contentType: string | null, receivedAt: Date): { counts: Counts; storing: Promise<number> } {
  const logs = normalizeLogsRequest(decodeExportLogsRequest(body, contentType), { receivedAt, sha256Hex });
  const { heartbeats, otherEvents, duplicates, rejectedCount, errorMessage } = logs;
  return {
    counts: { decisions: logs.decisions.length, heartbeats, otherEvents, duplicates, rejectedCount, errorMessage },
    storing: recordDecisions(db, sourceId, logs.decisions, receivedAt),
  };
}

async function connect(): Promise<DbOrTx> {
  return getDb().catch(rethrowUnavailable);
}

function rethrowUnavailable(error: unknown): never {
  if (error instanceof AppError) throw error;
  logger.warn({ err: error }, "ingest: database unavailable");
  throw new AppError("UNAVAILABLE", "The database is unavailable; nothing was stored. Retry shortly.", { retryAfterSeconds: 2 });
}

function toOtlpError(error: unknown, encoding: OtlpEncoding): Response {
  if (error instanceof OtlpDecodeError) {
    const status = DECODE_STATUS[error.code] ?? 400;
    ingestMetrics.requests.inc({ status: String(status) });
    return otlpErrorResponse(status, error.message, encoding);
  }
  if (error instanceof AppError && HTTP_STATUS[error.code]) {
    const status = HTTP_STATUS[error.code]!;
    ingestMetrics.requests.inc({ status: String(status) });
    return otlpErrorResponse(status, error.message, encoding, error.details?.retryAfterSeconds);
  }
  logger.error({ err: error }, "ingest: unexpected error");
  ingestMetrics.requests.inc({ status: "503" });
  // Unknown failures are answered as retryable: the sender keeps the data and tries again.
  return otlpErrorResponse(503, "The receiver failed; retry shortly.", encoding, 2);
}
