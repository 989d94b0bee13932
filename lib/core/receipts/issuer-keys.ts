import { calculateJwkThumbprint, importJWK } from "jose";
import { algorithmsForKey, isReceiptAlg, MIN_RSA_BITS, type ReceiptAlg } from "./algorithms";
import { decodeBase64urlStrict } from "./base64url";
import { IssuerKeyError, type KeyProblem } from "./issuer-key-error";
import { MAX_NAME_LENGTH, MAX_TRUSTED_KEYS } from "./limits";
import { parseRfc3339 } from "./rfc3339";
import { parseJsonObject } from "./strict-json";

/** The public members of a supported key, and nothing else. */
export type PublicKeyJwk =
  | { kty: "OKP"; crv: "Ed25519"; x: string }
  | { kty: "EC"; crv: "P-256" | "P-384"; x: string; y: string }
  | { kty: "RSA"; n: string; e: string };

/** A key an issuer signs receipts with, validated; times are epoch milliseconds. */
export interface TrustedKey {
  kid: string;
  alg?: ReceiptAlg;
  jwk: PublicKeyJwk;
  /** RFC 7638 SHA-256 thumbprint, base64url. */
  thumbprint: string;
  validFrom?: number;
  validUntil?: number;
  revokedAt?: number;
  /** The issuer named by the key's own `iss` member, if any. */
  iss?: string;
}

/** A key as stored by the console: a JWK plus validity times (which override the JWK's members). */
export interface TrustedKeyInput {
  jwk: unknown;
  validFrom?: Date | string | null;
  validUntil?: Date | string | null;
  revokedAt?: Date | string | null;
}

const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k", "priv"] as const;
const CURVE_BYTES: Record<string, number> = { Ed25519: 32, "P-256": 32, "P-384": 48 };
const MAX_RSA_BITS = 8192;

/**
 * Validates the keys an admin registers for an issuer (a JWKS, as object or JSON text): public
 * asymmetric keys of a supported type only, unique kids, RSA ≥ 2048 bits. Throws IssuerKeyError.
 */
export async function validateIssuerKeys(jwks: unknown, options: { iss?: string } = {}): Promise<TrustedKey[]> {
  return validateKeyList(jwksEntries(jwks), options.iss);
}

/** Validates a list of keys (every problem reported at once) and computes their thumbprints. */
export async function validateKeyList(entries: readonly TrustedKeyInput[], iss?: string): Promise<TrustedKey[]> {
  if (entries.length > MAX_TRUSTED_KEYS) {
    throw new IssuerKeyError([{ code: "too_many_keys", message: `more than ${MAX_TRUSTED_KEYS} keys` }]);
  }
  const problems: KeyProblem[] = [];
  const keys: Array<Omit<TrustedKey, "thumbprint">> = [];
  const kids = new Set<string>();
  entries.forEach((entry, index) => {
    const { kid, key, problems: found } = checkKey(entry, index, iss);
    if (kid !== undefined && kids.has(kid)) found.push(problem("duplicate_kid", index, kid, `kid "${kid}" is used by two keys`));
    if (kid !== undefined) kids.add(kid);
    if (found.length > 0) problems.push(...found);
    else if (key) keys.push(key);
  });
  if (problems.length > 0) throw new IssuerKeyError(problems);
  const withThumbprints = await Promise.all(keys.map(async (key) => ({ ...key, thumbprint: await thumbprintOf(key.jwk) })));
  await assertImportable(withThumbprints);
  return withThumbprints;
}

/** The `keys` of a JWKS given as object or JSON text, as key inputs. */
export function jwksEntries(jwks: unknown): TrustedKeyInput[] {
  const value = typeof jwks === "string" ? parseJwksText(jwks) : jwks;
  if (typeof value !== "object" || value === null || !Array.isArray((value as { keys?: unknown }).keys)) {
    throw new IssuerKeyError([{ code: "not_a_jwks", message: "expected a JWKS: an object with a \"keys\" array" }]);
  }
  return ((value as { keys: unknown[] }).keys).map((jwk) => ({ jwk }));
}

function parseJwksText(text: string): unknown {
  const parsed = parseJsonObject(text);
  if (!parsed.ok) throw new IssuerKeyError([{ code: "not_a_jwks", message: `JWKS is not usable JSON: ${parsed.message}` }]);
  return parsed.value;
}

type Checked = { kid?: string; key?: Omit<TrustedKey, "thumbprint">; problems: KeyProblem[] };

function checkKey(entry: TrustedKeyInput, index: number, iss: string | undefined): Checked {
  const jwk = entry.jwk;
  if (typeof jwk !== "object" || jwk === null || Array.isArray(jwk)) {
    return { problems: [problem("invalid_key", index, undefined, `key ${index} is not a JSON object`)] };
  }
  const record = jwk as Record<string, unknown>;
  const kid = typeof record.kid === "string" ? record.kid : undefined;
  const early = refuseSecrets(record, index, kid);
  if (early) return { problems: [early] };
  if (kid === undefined || kid.length === 0 || kid.length > MAX_NAME_LENGTH) {
    return { problems: [problem("missing_kid", index, undefined, `key ${index} has no kid (a non-empty string of at most ${MAX_NAME_LENGTH} characters)`)] };
  }
  const problems: KeyProblem[] = [];
  const material = publicMaterial(record, index, kid, problems);
  const alg = checkAlg(record, material, index, kid, problems);
  checkUse(record, index, kid, problems);
  const times = checkTimes(entry, record, index, kid, problems);
  const keyIss = checkIss(record, iss, index, kid, problems);
  if (!material) return { kid, problems };
  return { kid, key: { kid, jwk: material, ...(alg && { alg }), ...times, ...(keyIss && { iss: keyIss }) }, problems };
}

function refuseSecrets(jwk: Record<string, unknown>, index: number, kid: string | undefined): KeyProblem | undefined {
  if (jwk.kty === "oct") {
    return problem("symmetric_key", index, kid, `key ${label(index, kid)} is symmetric (oct): receipts need public-key signatures`);
  }
  const secret = PRIVATE_MEMBERS.find((name) => name in jwk);
  if (secret) {
    return problem("private_key_material", index, kid,
      `key ${label(index, kid)} contains the private member "${secret}": publish only the public key, and treat this private key as exposed`);
  }
  return undefined;
}

function publicMaterial(jwk: Record<string, unknown>, index: number, kid: string, problems: KeyProblem[]): PublicKeyJwk | undefined {
  const where = label(index, kid);
  if (jwk.kty === "OKP" || jwk.kty === "EC") {
    const crv = jwk.crv;
    const size = typeof crv === "string" ? CURVE_BYTES[crv] : undefined;
    if (size === undefined || (jwk.kty === "OKP") !== (crv === "Ed25519")) {
      problems.push(problem("unsupported_key", index, kid, `key ${where}: curve ${String(crv)} is not supported for ${jwk.kty}`));
      return undefined;
    }
    const coords = jwk.kty === "OKP" ? ["x"] : ["x", "y"];
    if (!coords.every((name) => hasBytes(jwk[name], size))) {
      problems.push(problem("invalid_key", index, kid, `key ${where}: ${coords.join(", ")} must be ${size}-byte base64url`));
      return undefined;
    }
    return jwk.kty === "OKP"
      ? { kty: "OKP", crv: "Ed25519", x: jwk.x as string }
      : { kty: "EC", crv: crv as "P-256" | "P-384", x: jwk.x as string, y: jwk.y as string };
  }
  if (jwk.kty === "RSA") return rsaMaterial(jwk, index, kid, problems);
  problems.push(problem("unsupported_key", index, kid, `key ${where}: kty ${JSON.stringify(jwk.kty)} is not supported (OKP, EC, RSA)`));
  return undefined;
}

function rsaMaterial(jwk: Record<string, unknown>, index: number, kid: string, problems: KeyProblem[]): PublicKeyJwk | undefined {
  const n = typeof jwk.n === "string" ? decodeBase64urlStrict(jwk.n) : undefined;
  const e = typeof jwk.e === "string" ? decodeBase64urlStrict(jwk.e) : undefined;
  if (!(n instanceof Uint8Array) || !(e instanceof Uint8Array) || e.length === 0 || e.length > 8) {
    problems.push(problem("invalid_key", index, kid, `key ${label(index, kid)}: n and e must be base64url integers`));
    return undefined;
  }
  const bits = bitLength(n);
  if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
    const code = bits < MIN_RSA_BITS ? "weak_rsa_key" : "unsupported_key";
    problems.push(problem(code, index, kid, `key ${label(index, kid)}: RSA modulus of ${bits} bits; ${MIN_RSA_BITS}–${MAX_RSA_BITS} required`));
    return undefined;
  }
  return { kty: "RSA", n: jwk.n as string, e: jwk.e as string };
}

function checkAlg(jwk: Record<string, unknown>, material: PublicKeyJwk | undefined, index: number, kid: string, problems: KeyProblem[]): ReceiptAlg | undefined {
  if (jwk.alg === undefined) return undefined;
  const fits = material ? algorithmsForKey(material.kty, "crv" in material ? material.crv : undefined) : [];
  if (!isReceiptAlg(jwk.alg) || (material && !fits.includes(jwk.alg))) {
    problems.push(problem("unsupported_key", index, kid, `key ${label(index, kid)}: alg ${JSON.stringify(jwk.alg)} is not supported for this key`));
    return undefined;
  }
  return jwk.alg;
}

function checkUse(jwk: Record<string, unknown>, index: number, kid: string, problems: KeyProblem[]): void {
  const ops = jwk.key_ops;
  if ((jwk.use !== undefined && jwk.use !== "sig") || (ops !== undefined && !(Array.isArray(ops) && ops.includes("verify")))) {
    problems.push(problem("unsupported_key", index, kid, `key ${label(index, kid)}: "use" must be "sig" and "key_ops" must include "verify" when present`));
  }
}

type Times = Pick<TrustedKey, "validFrom" | "validUntil" | "revokedAt">;

function checkTimes(entry: TrustedKeyInput, jwk: Record<string, unknown>, index: number, kid: string, problems: KeyProblem[]): Times {
  const times: Times = {};
  const fields = [["validFrom", "valid_from"], ["validUntil", "valid_until"], ["revokedAt", "revoked_at"]] as const;
  for (const [field, member] of fields) {
    const given = entry[field] !== undefined ? entry[field] : jwk[member];
    if (given === undefined || given === null) continue;
    const ms = given instanceof Date ? given.getTime() : typeof given === "string" ? parseRfc3339(given) : undefined;
    if (ms === undefined || Number.isNaN(ms)) {
      problems.push(problem("invalid_time", index, kid, `key ${label(index, kid)}: ${member} must be an RFC 3339 date-time with offset`));
    } else times[field] = ms;
  }
  if (times.validFrom !== undefined && times.validUntil !== undefined && times.validUntil <= times.validFrom) {
    problems.push(problem("invalid_time", index, kid, `key ${label(index, kid)}: valid_until must be after valid_from`));
  }
  return times;
}

function checkIss(jwk: Record<string, unknown>, iss: string | undefined, index: number, kid: string, problems: KeyProblem[]): string | undefined {
  const own = jwk.iss;
  if (own === undefined) return iss;
  if (typeof own !== "string" || own.length === 0 || own.length > MAX_NAME_LENGTH) {
    problems.push(problem("invalid_key", index, kid, `key ${label(index, kid)}: iss must be a non-empty string`));
    return undefined;
  }
  if (iss !== undefined && own !== iss) {
    problems.push(problem("issuer_mismatch", index, kid, `key ${label(index, kid)} names issuer "${own}", not "${iss}"`));
  }
  return own;
}

/** RFC 7638 SHA-256 thumbprint of a public key, base64url. */
export function thumbprintOf(jwk: PublicKeyJwk): Promise<string> {
  return calculateJwkThumbprint(jwk, "sha256");
}

async function assertImportable(keys: readonly TrustedKey[]): Promise<void> {
  const problems: KeyProblem[] = [];
  await Promise.all(keys.map(async (key, index) => {
    const alg = key.alg ?? algorithmsForKey(key.jwk.kty, "crv" in key.jwk ? key.jwk.crv : undefined)[0]!;
    try {
      await importJWK(key.jwk, alg);
    } catch {
      problems.push(problem("invalid_key", index, key.kid, `key "${key.kid}" is not a valid ${alg} public key`));
    }
  }));
  if (problems.length > 0) throw new IssuerKeyError(problems);
}

function hasBytes(value: unknown, size: number): boolean {
  if (typeof value !== "string") return false;
  const bytes = decodeBase64urlStrict(value);
  return bytes instanceof Uint8Array && bytes.length === size;
}

function bitLength(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]!));
}

function label(index: number, kid: string | undefined): string {
  return kid === undefined ? `#${index}` : `#${index} ("${kid}")`;
}

function problem(code: KeyProblem["code"], index: number, kid: string | undefined, message: string): KeyProblem {
  return { code, index, ...(kid !== undefined && { kid }), message };
}
