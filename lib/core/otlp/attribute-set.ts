import { MAX_ARRAY_VALUES, MAX_ATTRIBUTE_KEY_LENGTH, MAX_ATTRIBUTE_VALUE_LENGTH, MAX_ATTRIBUTES_PER_RECORD } from "./limits";
import type { AttributeSet, OtlpValue } from "./model";

/** Set by value converters when they cut something, so the attribute can be marked. */
export interface CutMark {
  cut: boolean;
}

/** A new, empty attribute set that starts from the sender's own dropped count. */
export function emptyAttributeSet(senderDropped = 0): AttributeSet {
  return { values: {}, truncated: [], dropped: senderDropped, duplicateKey: null };
}

/**
 * Sets an own property, so a key such as `__proto__` is stored as a key, never as a prototype.
 * Plain objects (not null-prototype ones) keep V8's fast property layout for JSON.stringify.
 */
export function setOwn(target: Record<string, OtlpValue>, key: string, value: OtlpValue): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * Decides whether `key` may enter `set`: false (and counted or noted) when the key is too long,
 * the set is full, or the key is already there.
 */
export function admitKey(set: AttributeSet, key: string, size: number): boolean {
  if (key.length > MAX_ATTRIBUTE_KEY_LENGTH || size >= MAX_ATTRIBUTES_PER_RECORD) {
    set.dropped++;
    return false;
  }
  if (Object.hasOwn(set.values, key)) {
    set.duplicateKey ??= key;
    return false;
  }
  return true;
}

/** Whether a key of a nested key-value list is kept: the first of duplicates, not overlong ones. */
export function admitNestedKey(target: Record<string, OtlpValue>, key: string, mark: CutMark): boolean {
  if (key.length > MAX_ATTRIBUTE_KEY_LENGTH) {
    mark.cut = true;
    return false;
  }
  return !Object.hasOwn(target, key);
}

/** `value` with U+0000, which no Postgres text or jsonb value can hold, replaced by U+FFFD. */
export function withoutNul(value: string): string {
  return value.includes("\0") ? value.replaceAll("\0", "\ufffd") : value;
}

/** The first `max` UTF-16 units of `value`, one fewer rather than half a surrogate pair. */
export function cutString(value: string, max: number): string {
  if (value.length <= max) return value;
  const last = value.charCodeAt(max - 1);
  // A lone high surrogate would make the text unstorable (Postgres jsonb refuses it).
  return value.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** Cuts a string beyond MAX_ATTRIBUTE_VALUE_LENGTH, noting the cut. */
export function limitString(value: string, mark: CutMark): string {
  if (value.length <= MAX_ATTRIBUTE_VALUE_LENGTH) return value;
  mark.cut = true;
  return cutString(value, MAX_ATTRIBUTE_VALUE_LENGTH);
}

/** How many elements of an array or key-value list to keep, noting a cut. */
export function keptLength(length: number, mark: CutMark): number {
  if (length <= MAX_ARRAY_VALUES) return length;
  mark.cut = true;
  return MAX_ARRAY_VALUES;
}

/** int64 as JSON: a number when exact, else its decimal string. */
export function int64ToValue(value: bigint): OtlpValue {
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value.toString();
}

/** double as JSON: non-finite values (which JSON cannot hold) become their names. */
export function doubleToValue(value: number): OtlpValue {
  return Number.isFinite(value) ? value : String(value);
}

/** Bytes beyond what fits MAX_ATTRIBUTE_VALUE_LENGTH once base64-encoded are cut, noting the cut. */
export function limitBytes(value: Uint8Array, mark: CutMark): Uint8Array {
  const max = (MAX_ATTRIBUTE_VALUE_LENGTH / 4) * 3;
  if (value.length <= max) return value;
  mark.cut = true;
  return value.subarray(0, max);
}
