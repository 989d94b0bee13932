import { algorithmsForKey } from "./algorithms";
import { IssuerKeyError } from "./issuer-key-error";
import { jwksEntries, validateKeyList, type TrustedKey, type TrustedKeyInput } from "./issuer-keys";
import { MAX_NAME_LENGTH, MAX_TRUSTED_KEYS } from "./limits";
import { formatRfc3339 } from "./rfc3339";
import { parseJsonObject } from "./strict-json";

/**
 * The keys a verifier trusts: issuer → kid → key. `anyIssuer` holds the keys of a plain JWKS that
 * names no issuer; they vouch for whatever `iss` a receipt claims (verdicts say so: issuerPinned false).
 */
export interface TrustSet {
  readonly issuers: ReadonlyMap<string, ReadonlyMap<string, TrustedKey>>;
  readonly anyIssuer?: ReadonlyMap<string, TrustedKey>;
}

/** One issuer's keys as the console stores them. */
export interface IssuerKeysInput {
  iss: string;
  keys: readonly TrustedKeyInput[];
}

/** A trust set for one issuer from its stored keys (server ingest); throws IssuerKeyError. */
export function trustSetFromKeys(iss: string, keys: readonly TrustedKeyInput[]): Promise<TrustSet> {
  return trustSetFromIssuers([{ iss, keys }]);
}

/** A trust set for several issuers from their stored keys; throws IssuerKeyError. */
export async function trustSetFromIssuers(issuers: readonly IssuerKeysInput[]): Promise<TrustSet> {
  const map = new Map<string, ReadonlyMap<string, TrustedKey>>();
  for (const { iss, keys } of issuers) {
    if (typeof iss !== "string" || iss.length === 0 || iss.length > MAX_NAME_LENGTH) {
      throw new IssuerKeyError([{ code: "invalid_issuer", message: `issuer name ${JSON.stringify(iss)} is not a non-empty string` }]);
    }
    if (map.has(iss)) throw new IssuerKeyError([{ code: "duplicate_issuer", message: `issuer "${iss}" is listed twice` }]);
    const validated = await validateKeyList(keys, iss);
    map.set(iss, new Map(validated.map((key) => [key.kid, key])));
  }
  return { issuers: map };
}

/**
 * Parses a trust file (object or JSON text): `{"issuers": {"<iss>": {"keys": [...]}}}`, or a plain
 * JWKS whose keys carry `iss`, or a plain JWKS without issuer names — bound to `options.issuer`
 * when given, otherwise trusted for any issuer. Keys may carry valid_from, valid_until, revoked_at.
 */
export async function parseTrustFile(file: unknown, options: { issuer?: string } = {}): Promise<TrustSet> {
  const value = typeof file === "string" ? parseTrustText(file) : file;
  if (typeof value === "object" && value !== null && "issuers" in value) return parseIssuersMap(value.issuers);
  const entries = jwksEntries(value);
  const named = entries.filter((entry) => typeof entry.jwk === "object" && entry.jwk !== null && "iss" in entry.jwk);
  if (named.length === 0) {
    const keys = await validateKeyList(entries, options.issuer);
    const byKid = new Map(keys.map((key) => [key.kid, key]));
    return options.issuer === undefined ? { issuers: new Map(), anyIssuer: byKid } : { issuers: new Map([[options.issuer, byKid]]) };
  }
  if (named.length !== entries.length) {
    throw new IssuerKeyError([{ code: "issuer_mismatch", message: "some keys name an issuer (iss) and some do not; name all or none" }]);
  }
  return groupByIssuer(await validateKeyList(entries));
}

function parseTrustText(text: string): unknown {
  const parsed = parseJsonObject(text);
  if (!parsed.ok) throw new IssuerKeyError([{ code: "not_a_jwks", message: `trust file is not usable JSON: ${parsed.message}` }]);
  return parsed.value;
}

async function parseIssuersMap(issuers: unknown): Promise<TrustSet> {
  if (typeof issuers !== "object" || issuers === null || Array.isArray(issuers)) {
    throw new IssuerKeyError([{ code: "not_a_jwks", message: "\"issuers\" must map issuer names to JWKS objects" }]);
  }
  const list = Object.entries(issuers).map(([iss, jwks]) => ({ iss, keys: jwksEntries(jwks) }));
  if (list.reduce((sum, { keys }) => sum + keys.length, 0) > MAX_TRUSTED_KEYS) {
    throw new IssuerKeyError([{ code: "too_many_keys", message: `more than ${MAX_TRUSTED_KEYS} keys` }]);
  }
  return trustSetFromIssuers(list);
}

function groupByIssuer(keys: readonly TrustedKey[]): TrustSet {
  const issuers = new Map<string, Map<string, TrustedKey>>();
  for (const key of keys) {
    const iss = key.iss!;
    if (!issuers.has(iss)) issuers.set(iss, new Map());
    issuers.get(iss)!.set(key.kid, key);
  }
  return { issuers };
}

/** A trust file as exported: a JWKS (usable by any JOSE library) whose keys name their issuer. */
export interface TrustFileJson {
  keys: Array<Record<string, string>>;
}

/** Exports a trust set as a JWKS with `iss`, `alg` (when pinned), `use`, and validity members per key. */
export function exportTrustFile(trust: TrustSet): TrustFileJson {
  const rows: Array<[string | undefined, TrustedKey]> = [];
  for (const [iss, keys] of trust.issuers) for (const key of keys.values()) rows.push([iss, key]);
  for (const key of trust.anyIssuer?.values() ?? []) rows.push([undefined, key]);
  rows.sort(([a, x], [b, y]) => (a ?? "").localeCompare(b ?? "") || x.kid.localeCompare(y.kid));
  return { keys: rows.map(([iss, key]) => exportKey(iss, key)) };
}

function exportKey(iss: string | undefined, key: TrustedKey): Record<string, string> {
  const alg = key.alg ?? onlyAlgorithm(key);
  return {
    ...key.jwk,
    kid: key.kid,
    ...(alg && { alg }),
    use: "sig",
    ...(iss !== undefined && { iss }),
    ...(key.validFrom !== undefined && { valid_from: formatRfc3339(key.validFrom) }),
    ...(key.validUntil !== undefined && { valid_until: formatRfc3339(key.validUntil) }),
    ...(key.revokedAt !== undefined && { revoked_at: formatRfc3339(key.revokedAt) }),
  };
}

function onlyAlgorithm(key: TrustedKey): string | undefined {
  const fits = algorithmsForKey(key.jwk.kty, "crv" in key.jwk ? key.jwk.crv : undefined);
  return fits.length === 1 ? fits[0] : undefined;
}
