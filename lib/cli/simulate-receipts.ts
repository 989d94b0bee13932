// Signed receipts for simulated decisions (DESIGN.md Contract 2), posted in batches to
// `POST /api/v1/receipts` with the source's ingest token, and the issuer key that signs them.
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import type { JWK } from "jose";
import { generateIssuerKey, MAX_BATCH_ITEMS, signReceipt, type IssuerKeyPair } from "../core/receipts";
import type { SimulatedDecision } from "../core/simulate";

const BATCH = Math.min(250, MAX_BATCH_ITEMS);
// A slow gate still posts what it has every few seconds, not only when a batch is full.
const FLUSH_EVERY_MS = 3_000;
const TIMEOUT_MS = 30_000;

/** How the console answered the receipts sent so far. */
export type ReceiptTally = {
  signed: number;
  stored: number;
  duplicate: number;
  equivocation: number;
  rejected: number;
  /** Receipts the console kept but whose verdict is not `valid`, by verdict. */
  invalid: Record<string, number>;
  /** Receipts that got no per-receipt answer (HTTP failure). */
  failed: number;
  lastError: string | undefined;
};

type IngestResult = { status?: string; verdict?: string; message?: string };

/** The issuer key from a private JWK file (Ed25519), or a fresh one for this run. */
export async function loadIssuerKey(path: string | undefined): Promise<IssuerKeyPair> {
  if (path === undefined) return generateIssuerKey("EdDSA");
  const jwk = JSON.parse(await readFile(path, "utf8")) as JWK;
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.d !== "string" || typeof jwk.x !== "string") {
    throw new Error(`${path} is not a private Ed25519 JWK (kty OKP, crv Ed25519, with "d")`);
  }
  if (typeof jwk.kid !== "string" || jwk.kid === "") throw new Error(`${path} has no "kid"`);
  const { d: _private, ...publicPart } = jwk;
  return {
    alg: "EdDSA",
    kid: jwk.kid,
    privateJwk: { ...jwk, kid: jwk.kid, alg: "EdDSA" },
    publicJwk: { ...publicPart, kid: jwk.kid, alg: "EdDSA", use: "sig" },
  };
}

/** Writes the issuer's public JWKS (what an admin registers for the issuer). */
export async function writePublicJwks(path: string, key: IssuerKeyPair): Promise<void> {
  await writeFile(path, `${JSON.stringify({ keys: [key.publicJwk] }, null, 2)}\n`);
}

const TARGETS: Readonly<Record<string, (n: number) => string>> = {
  payments: (n) => `acct:${100_000 + (n % 900_000)}`,
  github: (n) => `repo:acme/${["api", "web", "infra", "billing"][n % 4]}`,
  filesystem: (n) => `file:/srv/app/${["src/index.ts", "config/prod.yaml", ".env", "README.md"][n % 4]}`,
  shell: (n) => `host:build-${n % 12}`,
  email: (n) => `mailbox:${["support", "billing", "ops"][n % 3]}@example.com`,
};

function numberOf(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) n = (n * 31 + text.charCodeAt(i)) >>> 0;
  return n;
}

const policyDigests = new Map<string, string>();
function policyDigest(surface: string): string {
  let digest = policyDigests.get(surface);
  if (!digest) policyDigests.set(surface, (digest = `sha256:${createHash("sha256").update(`policy ${surface} 2026-11-20.3`).digest("hex")}`));
  return digest;
}

/** The receipt payload a gate would sign for a decision; `runStamp` keeps ids unique across runs of one seed. */
export function receiptPayload(d: SimulatedDecision, issuer: string, runStamp: string, grant?: string): Record<string, unknown> {
  const n = numberOf(d.toolUseId);
  const reason = grant ? `break-glass:${grant}` : d.outcome === "SILENCE" ? "timeout:policy-engine" : `rule:${d.surface}.${d.action}.${d.outcome === "PERMIT" ? "allow" : "deny"}`;
  return {
    v: 1,
    id: `${d.gate}.${d.toolUseId}.${runStamp}`,
    iss: issuer,
    iat: Math.floor(d.at / 1000),
    request: { actor: d.actor, surface: d.surface, action: d.action, target: (TARGETS[d.surface] ?? ((k) => `${d.surface}:${k % 1000}`))(n), context: { "session.id": d.sessionId, tool_use_id: d.toolUseId } },
    decision: d.outcome,
    reason,
    policy: { id: d.surface, version: "2026-11-20.3", digest: policyDigest(d.surface) },
    idempotency_key: d.toolUseId,
    ...(grant ? { override: { grant } } : {}),
  };
}

/** Signs receipts and posts them in batches; `add` waits when a batch is due (backpressure). */
export class ReceiptSender {
  readonly tally: ReceiptTally = { signed: 0, stored: 0, duplicate: 0, equivocation: 0, rejected: 0, invalid: {}, failed: 0, lastError: undefined };
  private queue: string[] = [];
  private unavailable: string | undefined;
  private lastFlush = Date.now();

  constructor(private readonly config: { url: string; token: string; issuer: string; key: IssuerKeyPair; runStamp: string }) {}

  async add(d: SimulatedDecision, grant?: string): Promise<void> {
    const payload = receiptPayload(d, this.config.issuer, this.config.runStamp, grant);
    this.queue.push(await signReceipt(payload, this.config.key.privateJwk, { alg: "EdDSA", kid: this.config.key.kid }));
    this.tally.signed++;
    if (this.queue.length >= BATCH || Date.now() - this.lastFlush >= FLUSH_EVERY_MS) await this.flush();
  }

  /** Posts everything queued. */
  async flush(): Promise<void> {
    this.lastFlush = Date.now();
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, BATCH);
      if (this.unavailable) this.fail(batch.length, this.unavailable);
      else await this.post(batch);
    }
  }

  private async post(batch: string[]): Promise<void> {
    let response: Response;
    try {
      response = await fetch(`${this.config.url}/api/v1/receipts`, {
        method: "POST",
        headers: { authorization: `Bearer ${this.config.token}`, "content-type": "application/json" },
        body: JSON.stringify(batch),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      return this.fail(batch.length, `POST /api/v1/receipts: ${(error as Error).message}`);
    }
    if (response.status === 404 || response.status === 405) {
      // Answering every later batch the same way would only repeat the message.
      this.unavailable = `POST /api/v1/receipts answered ${response.status}: this console does not take receipts`;
      return this.fail(batch.length, this.unavailable);
    }
    const body = (await response.json().catch(() => null)) as { results?: IngestResult[]; error?: { message?: string } } | null;
    if (!response.ok || !Array.isArray(body?.results)) {
      return this.fail(batch.length, `POST /api/v1/receipts answered ${response.status}${body?.error?.message ? `: ${body.error.message}` : ""}`);
    }
    this.count(body.results, batch.length);
  }

  private count(results: IngestResult[], sent: number): void {
    for (const result of results) {
      if (result.status === "stored" || result.status === "duplicate" || result.status === "equivocation") this.tally[result.status]++;
      else this.tally.rejected++;
      if (result.verdict !== "valid") {
        const verdict = result.verdict ?? "unknown";
        this.tally.invalid[verdict] = (this.tally.invalid[verdict] ?? 0) + 1;
        this.tally.lastError = `receipt verdict ${verdict}${result.message ? `: ${result.message}` : ""}`;
      }
    }
    if (results.length !== sent) this.fail(sent - results.length, `the console answered ${results.length} results for ${sent} receipts`);
  }

  private fail(n: number, message: string): void {
    this.tally.failed += n;
    this.tally.lastError = message;
  }
}

type Answer = { status: number; body: Record<string, unknown> | null; error?: string };

async function callApi(url: string, apiToken: string, method: "GET" | "POST", body?: unknown): Promise<Answer> {
  try {
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${apiToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> | null };
  } catch (error) {
    return { status: 0, body: null, error: (error as Error).message };
  }
}

function describeFailure(what: string, answer: Answer): string {
  if (answer.status === 0) return `${what}: ${answer.error}`;
  if (answer.status === 404 || answer.status === 405) return `${what} answered ${answer.status}: register the JWKS in the console instead`;
  const message = (answer.body?.error as { message?: string } | undefined)?.message;
  return `${what} answered ${answer.status}${message ? `: ${message}` : ""}`;
}

/**
 * Registers the issuer with its key using an admin's API token (`POST /api/v1/issuers`); when
 * the issuer exists already, adds the key to it (`POST /api/v1/issuers/{id}/keys`).
 */
export async function registerIssuer(url: string, apiToken: string, issuer: string, key: IssuerKeyPair): Promise<{ ok: boolean; message: string }> {
  const jwks = { keys: [key.publicJwk] };
  const created = await callApi(`${url}/api/v1/issuers`, apiToken, "POST", { iss: issuer, name: "countersign simulator", jwks });
  if (created.status === 201) return { ok: true, message: `registered issuer ${issuer} with key ${key.kid}` };
  if (created.status !== 409) return { ok: false, message: describeFailure("POST /api/v1/issuers", created) };
  const listed = await callApi(`${url}/api/v1/issuers`, apiToken, "GET");
  const items = (listed.body?.items ?? []) as Array<{ id: string; iss: string }>;
  const existing = items.find((item) => item.iss === issuer);
  if (!existing) return { ok: false, message: describeFailure("GET /api/v1/issuers", listed) };
  const added = await callApi(`${url}/api/v1/issuers/${encodeURIComponent(existing.id)}/keys`, apiToken, "POST", { jwks });
  if (added.status !== 200) return { ok: false, message: describeFailure(`POST /api/v1/issuers/${existing.id}/keys`, added) };
  return { ok: true, message: `issuer ${issuer} exists; key ${key.kid} is registered for it` };
}
