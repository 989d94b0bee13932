import { importJWK } from "jose";
import type { ReceiptAlg } from "./algorithms";
import type { TrustedKey } from "./issuer-keys";

// Imported keys, by algorithm and RFC 7638 thumbprint: equal thumbprints mean equal public keys,
// so sharing across trust sets is safe. Bounded; the oldest entry goes first.
const cache = new Map<string, { promise: Promise<CryptoKey>; key?: CryptoKey }>();
const MAX_CACHED_KEYS = 4096;

/** The WebCrypto key for a trusted key and algorithm, imported once and then served from a cache. */
export function importTrustedKey(key: TrustedKey, alg: ReceiptAlg): Promise<CryptoKey> {
  const id = `${alg} ${key.thumbprint}`;
  const cached = cache.get(id);
  if (cached) return cached.promise;
  const entry: { promise: Promise<CryptoKey>; key?: CryptoKey } = { promise: importJWK(key.jwk, alg) as Promise<CryptoKey> };
  entry.promise.then((imported) => (entry.key = imported), () => cache.delete(id));
  if (cache.size >= MAX_CACHED_KEYS) cache.delete(cache.keys().next().value!);
  cache.set(id, entry);
  return entry.promise;
}

/** The already imported key, without waiting, when the cache holds it (saves a turn of the event loop per verify). */
export function importedTrustedKey(key: TrustedKey, alg: ReceiptAlg): CryptoKey | undefined {
  return cache.get(`${alg} ${key.thumbprint}`)?.key;
}
