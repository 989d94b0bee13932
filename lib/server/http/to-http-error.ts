import "server-only";
import { AppError, type AppErrorCode } from "../errors";
import { logger } from "../telemetry/logger";

const STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VALIDATION: 422,
  LIMIT_EXCEEDED: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export type ErrorBody = { error: { code: string; message: string; reason?: string; fields?: Record<string, string> } };

/** Maps any thrown value to a status and JSON body; unknown errors become a plain 500, logged only. */
export function toHttpError(error: unknown, route?: string): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    if (error.details?.retryAfterSeconds !== undefined) headers["Retry-After"] = String(error.details.retryAfterSeconds);
    return {
      status: STATUS[error.code],
      headers,
      body: {
        error: {
          code: error.code,
          message: error.message,
          ...(error.details?.reason ? { reason: error.details.reason } : {}),
          ...(error.details?.fields ? { fields: error.details.fields } : {}),
        },
      },
    };
  }
  logger.error({ err: error, route }, "unhandled error");
  return { status: 500, headers: {}, body: { error: { code: "INTERNAL", message: "Something went wrong on the server." } } };
}

/** A JSON error response in the shared shape. */
export function errorResponse(error: unknown, route?: string): Response {
  const { status, body, headers } = toHttpError(error, route);
  return Response.json(body, { status, headers: { ...headers, "Cache-Control": "no-store" } });
}
