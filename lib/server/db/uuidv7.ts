import { randomUUID } from "node:crypto";

/**
 * A UUIDv7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then 74 random bits. Rows that arrive
 * together get neighbouring ids, so a primary key grows at its right edge instead of touching a
 * random page of a large index per insert, and reading rows in arrival order walks the key in order.
 */
export function uuidv7(at: Date | number = Date.now()): string {
  const ms = typeof at === "number" ? at : at.getTime();
  if (!Number.isSafeInteger(ms) || ms < 0 || ms >= 2 ** 48) throw new RangeError("uuidv7 needs a time between 1970 and the year 10889");
  const time = ms.toString(16).padStart(12, "0");
  // randomUUID (v4, from Node's pooled random bytes: a third of the cost of filling 16 bytes per
  // id) already has the variant bits; its time-free remainder becomes rand_a and rand_b.
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}
