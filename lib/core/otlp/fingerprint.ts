import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "./ids";
import type { AttributeSet, OtlpLogRecord, OtlpScope } from "./model";

/**
 * Hex SHA-256 of a string's UTF-8 bytes. The default is @noble/hashes (runs everywhere); the
 * server should pass node:crypto's one-shot hash, `(text) => hash("sha256", text, "hex")`,
 * which is several times faster and needs no UTF-8 copy.
 */
export type Sha256Hex = (text: string) => string;

const encoder = new TextEncoder();

/** SHA-256 with @noble/hashes, as lowercase hex. */
export const nobleSha256Hex: Sha256Hex = (text) => bytesToHex(sha256(encoder.encode(text)));

// Fingerprint = SHA-256 over the scope digest (resource + scope, computed once per ScopeLogs)
// and the record's content as JSON: times, severity, body, dropped count, flags, trace context,
// event name, then its attributes. It depends on what was sent, in the order it was sent, not on
// the encoding (protobuf and JSON decode to the same values) nor on the receive time. The
// record's position is left out on purpose: two identical records are the same event, sent twice.
// Each JSON array is self-delimiting, so the concatenations below are unambiguous.

/** Hex SHA-256 identifying a resource and scope; `resourceJson` is JSON of the resource attributes. */
export function scopeDigest(resourceJson: string, resource: AttributeSet, scope: OtlpScope, sha256Hex: Sha256Hex = nobleSha256Hex): string {
  const head = JSON.stringify(["otlp-scope/v1", resource.dropped, scope.name, scope.version, scope.attributes.values, scope.attributes.dropped]);
  return sha256Hex(head + resourceJson);
}

/**
 * Hex SHA-256 identifying one log record within its resource and scope (`scopeDigest`);
 * `attributesJson` is JSON.stringify of the record's attributes, which the caller keeps for storage.
 */
export function recordFingerprint(scopeHex: string, record: OtlpLogRecord, attributesJson: string, sha256Hex: Sha256Hex = nobleSha256Hex): string {
  const head = JSON.stringify([
    scopeHex,
    record.timeUnixNano.toString(),
    record.observedTimeUnixNano.toString(),
    record.severityNumber,
    record.severityText,
    record.body,
    record.attributes.dropped,
    record.flags,
    record.traceId,
    record.spanId,
    record.eventName,
  ]);
  return sha256Hex(head + attributesJson);
}
