// Ed25519 through WebCrypto (Node ≥ 20, current browsers), so the same code verifies in
// the CLI, on the server and in the browser without a native dependency.

const ED25519 = { name: "Ed25519" } as const;
// PKCS #8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410 §7): WebCrypto cannot import
// a raw private key, only PKCS #8 or JWK.
const PKCS8_SEED_PREFIX = Uint8Array.of(0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20);

function buffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

/** Verifies an Ed25519 signature; false for a bad signature or an unusable public key. */
export async function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    const key = await crypto.subtle.importKey("raw", buffer(publicKey), ED25519, false, ["verify"]);
    return await crypto.subtle.verify(ED25519, key, buffer(signature), buffer(message));
  } catch {
    return false;
  }
}

/** Imports a 32-byte Ed25519 seed (RFC 8032 private key) as an extractable signing key. */
export async function importEd25519Seed(seed: Uint8Array): Promise<CryptoKey> {
  if (seed.length !== 32) throw new TypeError("an Ed25519 seed is 32 bytes");
  const pkcs8 = new Uint8Array(PKCS8_SEED_PREFIX.length + 32);
  pkcs8.set(PKCS8_SEED_PREFIX);
  pkcs8.set(seed, PKCS8_SEED_PREFIX.length);
  return crypto.subtle.importKey("pkcs8", pkcs8, ED25519, true, ["sign"]);
}

/** The 32-byte public key of an extractable Ed25519 private key. */
export async function ed25519PublicKeyOf(privateKey: CryptoKey): Promise<Uint8Array> {
  const jwk = await crypto.subtle.exportKey("jwk", privateKey);
  if (!jwk.x) throw new TypeError("the private key did not export its public part");
  const binary = atob(jwk.x.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Signs a message with an Ed25519 private key. */
export async function ed25519Sign(privateKey: CryptoKey, message: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign(ED25519, privateKey, buffer(message)));
}
