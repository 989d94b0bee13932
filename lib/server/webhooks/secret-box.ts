import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";

// The webhook id is bound in as associated data: a ciphertext copied onto another row does not decrypt.
function aad(webhookId: string): Buffer {
  return Buffer.from(`countersign:webhook-secret:${VERSION}:${webhookId}`, "utf8");
}

/** Encrypts a webhook secret with AES-256-GCM: `v1.<iv>.<ciphertext‖tag>`, base64url parts. */
export function sealSecret(key: Uint8Array, webhookId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad(webhookId));
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${iv.toString("base64url")}.${sealed.toString("base64url")}`;
}

/** Decrypts what sealSecret produced for the same webhook; throws on a wrong key, row or tampering. */
export function openSecret(key: Uint8Array, webhookId: string, sealed: string): string {
  const [version, ivText, bodyText] = sealed.split(".");
  if (version !== VERSION || !ivText || !bodyText) throw new Error("unknown webhook secret format");
  const body = Buffer.from(bodyText, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(ivText, "base64url"));
  decipher.setAAD(aad(webhookId));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString("utf8");
}
