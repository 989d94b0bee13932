import "server-only";
import protobuf from "protobufjs";
import type { OtlpEncoding } from "@/lib/core/otlp";

// google.rpc.Status, the body OTLP/HTTP servers answer errors with (code, message).
const Status = new protobuf.Type("Status").add(new protobuf.Field("code", 1, "int32")).add(new protobuf.Field("message", 2, "string"));

// gRPC codes for the HTTP statuses the receiver answers with.
const GRPC_CODE: Record<number, number> = { 400: 3, 401: 16, 403: 7, 413: 8, 415: 3, 429: 8, 500: 13, 503: 14 };

/** An OTLP error response: a Status in the request's encoding (JSON when it could not be told). */
export function otlpErrorResponse(status: number, message: string, encoding: OtlpEncoding | null, retryAfterSeconds?: number): Response {
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (retryAfterSeconds !== undefined) headers["Retry-After"] = String(retryAfterSeconds);
  const code = GRPC_CODE[status] ?? 2;
  if (encoding === "protobuf") {
    const bytes = Status.encode({ code, message }).finish();
    return new Response(new Uint8Array(bytes), { status, headers: { ...headers, "Content-Type": "application/x-protobuf" } });
  }
  return Response.json({ code, message }, { status, headers });
}
