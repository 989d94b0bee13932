import { randomFillSync } from "node:crypto";

/**
 * A UUIDv7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then 74 random bits. Rows that arrive
 * together get neighbouring ids, so a primary key grows at its right edge instead of touching a
 * random page of a large index per insert, and reading rows in arrival order walks the key in order.
 */
export function uuidv7(at: Date | number = Date.now()): string {
  const ms = typeof at === "number" ? at : at.getTime();
  if (!Number.isSafeInteger(ms) || ms < 0 || ms >= 2 ** 48) throw new RangeError("uuidv7 needs a time between 1970 and the year 10889");
  const bytes = randomFillSync(new Uint8Array(16));
  bytes[0] = Math.floor(ms / 2 ** 40);
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | (bytes[6]! & 0x0f); // version 7
  bytes[8] = 0x80 | (bytes[8]! & 0x3f); // variant 10
  const hex = Buffer.from(bytes).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
