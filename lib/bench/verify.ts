// Receipt verification throughput, per algorithm: the full verifier (lib/core/receipts) next to
// raw node:crypto verify of the SAME signatures, measured interleaved in the same run.
//   node --import tsx lib/bench/verify.ts [--rounds 7] [--ms 250]
import { createPublicKey, verify as nodeVerify, constants, type KeyObject } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { compactVerify } from "jose";
import {
  checkHeaderProfile,
  checkPayloadSchema,
  decodeReceipt,
  generateIssuerKey,
  importTrustedKey,
  selectKey,
  signReceipt,
  trustSetFromKeys,
  verifyReceipt,
  type ReceiptAlg,
  type TrustSet,
} from "../core/receipts";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "7" }, ms: { type: "string", default: "250" } } });
const ROUNDS = Number(values.rounds);
const SLICE_MS = Number(values.ms);
const BATCH = 64; // receipts in flight at once, as when ingest verifies a batch
const NOW = new Date("2026-11-22T00:00:00Z");
const ALGS: ReceiptAlg[] = ["EdDSA", "ES256", "RS256", "PS256"];
const TARGETS: Partial<Record<ReceiptAlg, number>> = { EdDSA: 0.8, ES256: 0.7 }; // of raw sync verify

interface Fixture {
  alg: ReceiptAlg;
  receipts: string[];
  trust: TrustSet;
  cryptoKey: CryptoKey;
  keyObject: KeyObject;
  inputs: Buffer[];
  signatures: Buffer[];
  /** The same bytes as standalone ArrayBuffer views, for WebCrypto. */
  webInputs: Uint8Array<ArrayBuffer>[];
  webSignatures: Uint8Array<ArrayBuffer>[];
}

async function fixture(alg: ReceiptAlg): Promise<Fixture> {
  const pair = await generateIssuerKey(alg, { kid: `bench-${alg}` });
  const trust = await trustSetFromKeys("gate-bench", [{ jwk: pair.publicJwk }]);
  const receipts = await Promise.all(Array.from({ length: 256 }, (_, i) => signReceipt(payload(i), pair.privateJwk, { alg, kid: pair.kid })));
  for (const receipt of receipts.slice(0, 8)) {
    const verdict = await verifyReceipt(receipt, trust, NOW);
    if (verdict.verdict !== "valid") throw new Error(`bench receipt does not verify: ${verdict.verdict}`);
  }
  const key = trust.issuers.get("gate-bench")!.get(pair.kid)!;
  const inputs = receipts.map((r) => Buffer.from(r.slice(0, r.lastIndexOf("."))));
  const signatures = receipts.map((r) => Buffer.from(r.slice(r.lastIndexOf(".") + 1), "base64url"));
  return {
    alg, receipts, trust, inputs, signatures,
    cryptoKey: await importTrustedKey(key, alg),
    keyObject: createPublicKey({ key: pair.publicJwk as never, format: "jwk" }),
    webInputs: inputs.map((b) => Uint8Array.from(b)),
    webSignatures: signatures.map((b) => Uint8Array.from(b)),
  };
}

function payload(i: number): Record<string, unknown> {
  return {
    v: 1, id: `rcpt-${i.toString().padStart(8, "0")}`, iss: "gate-bench", iat: 1795183237 + i,
    request: { actor: "agent:billing-bot", surface: "payments", action: "transfer", target: `acct:${1000 + i}`, context: { amount_eur: i } },
    decision: i % 7 === 0 ? "DENY" : "PERMIT", reason: "rule:payments.transfer.allow_under_limit",
    policy: { id: "payments", version: "2026-11-20.3", digest: `sha256:${"3a7bd3e2".repeat(8)}` },
    idempotency_key: `idem-${i}`,
  };
}

function rawVerify(f: Fixture, i: number): boolean {
  const options = f.alg === "PS256" ? { key: f.keyObject, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
    : f.alg === "ES256" ? { key: f.keyObject, dsaEncoding: "ieee-p1363" as const } : f.keyObject;
  return nodeVerify(f.alg === "EdDSA" ? null : "sha256", f.inputs[i]!, options, f.signatures[i]!);
}

const SUBTLE: Record<string, AlgorithmIdentifier | EcdsaParams | RsaPssParams> = {
  EdDSA: { name: "Ed25519" }, ES256: { name: "ECDSA", hash: "SHA-256" } as EcdsaParams,
  RS256: { name: "RSASSA-PKCS1-v1_5" }, PS256: { name: "RSA-PSS", saltLength: 32 } as RsaPssParams,
};

type Variant = { name: string; run: (f: Fixture, i: number) => unknown };

/** The variants, from the bare primitive to the whole profile: each layer's cost is the gap to the one above. */
const VARIANTS: Variant[] = [
  { name: "raw node:crypto verify (sync)", run: (f, i) => rawVerify(f, i) },
  { name: "profile checks only (steps 1-6, 8; no crypto)", run: (f, i) => profileOnly(f, i) },
  { name: "WebCrypto subtle.verify (awaited)", run: (f, i) => crypto.subtle.verify(SUBTLE[f.alg]!, f.cryptoKey, f.webSignatures[i]!, f.webInputs[i]!) },
  { name: "jose compactVerify, cached CryptoKey", run: (f, i) => compactVerify(f.receipts[i]!, f.cryptoKey, { algorithms: [f.alg] }) },
  { name: "verifyReceipt (whole profile)", run: (f, i) => verifyReceipt(f.receipts[i]!, f.trust, NOW) },
];

function profileOnly(f: Fixture, i: number): boolean {
  const decoded = decodeReceipt(f.receipts[i]!);
  if (!decoded.ok) return false;
  const header = checkHeaderProfile(decoded.jws.header);
  if (!header.ok) return false;
  return selectKey(f.trust, decoded.jws.header, decoded.jws.payload, header.alg).ok && checkPayloadSchema(decoded.jws.payload).ok;
}

/**
 * Operations per second of `run` over one time slice, one at a time or BATCH in flight, and the
 * process CPU time (all threads, so WebCrypto's workers count) per operation in µs: on a shared,
 * loaded machine the CPU cost is the steadier figure.
 */
async function measure(f: Fixture, run: Variant["run"], concurrent: boolean): Promise<{ rate: number; cpu: number }> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let ops = 0;
  while (performance.now() - start < SLICE_MS) {
    if (concurrent) {
      await Promise.all(Array.from({ length: BATCH }, (_, k) => run(f, (ops + k) % f.receipts.length)));
      ops += BATCH;
    } else {
      for (let k = 0; k < 16; k++, ops++) await run(f, ops % f.receipts.length);
    }
  }
  const cpu = process.cpuUsage(cpuStart);
  return { rate: (ops / (performance.now() - start)) * 1000, cpu: (cpu.user + cpu.system) / ops };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function benchAlg(f: Fixture): Promise<void> {
  const whole = VARIANTS.find((v) => v.name.startsWith("verifyReceipt"))!.run;
  const plan = [
    ...VARIANTS.map((v) => ({ label: v.name, run: v.run, concurrent: false })),
    // The same node:crypto verify through the libuv threadpool, as WebCrypto runs it: the hop's own cost.
    { label: "raw node:crypto verify, async (callback), one at a time", run: rawAsync, concurrent: false },
    { label: `raw node:crypto verify, async (callback), ${BATCH} in flight`, run: rawAsync, concurrent: true },
    { label: `verifyReceipt, ${BATCH} in flight`, run: whole, concurrent: true },
  ];
  const samples = plan.map(() => [] as Array<{ rate: number; cpu: number }>);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [k, item] of plan.entries()) samples[k]!.push(await measure(f, item.run, item.concurrent)); // interleaved: load drift hits all alike
  }
  const rate = new Map(plan.map((item, k) => [item.label, median(samples[k]!.map((x) => x.rate))]));
  const cpu = new Map(plan.map((item, k) => [item.label, median(samples[k]!.map((x) => x.cpu))]));
  const [raw, profile, subtle, jose, verifier, rawHop, rawBatch, verifierBatch] = plan.map((item) => item.label);
  const r = (label: string) => rate.get(label)!;
  const c = (label: string) => cpu.get(label)!;
  console.log(`\n${f.alg}${" ".repeat(62)}verifies/s  of raw   CPU µs/op  of raw`);
  for (const { label } of plan) {
    const cells = [Math.round(r(label)).toString().padStart(9), (r(label) / r(raw!)).toFixed(2).padStart(6), c(label).toFixed(1).padStart(10), (c(raw!) / c(label)).toFixed(2).padStart(7)];
    console.log(`  ${label.padEnd(58)} ${cells.join("   ")}`);
  }
  const target = TARGETS[f.alg];
  const verdict = (ratio: number) => (target === undefined ? "" : ` (${ratio >= target ? "meets" : "misses"} ${target})`);
  const ratio = (a: string, b: string) => (r(a) / r(b)).toFixed(2);
  console.log(`  verifyReceipt / raw sync verify: one at a time ${ratio(verifier!, raw!)}${verdict(r(verifier!) / r(raw!))}; ${BATCH} in flight ${ratio(verifierBatch!, raw!)}${verdict(r(verifierBatch!) / r(raw!))}`);
  console.log(`  verifyReceipt / raw async verify at the same concurrency: one at a time ${ratio(verifier!, rawHop!)}; ${BATCH} in flight ${ratio(verifierBatch!, rawBatch!)}`
    + ` (the threadpool hop alone: raw async one at a time is ${ratio(rawHop!, raw!)} of raw sync)`);
  console.log(`  CPU per verify: raw ${c(raw!).toFixed(1)} µs; profile checks ${c(profile!).toFixed(1)} µs; WebCrypto over raw +${(c(subtle!) - c(raw!)).toFixed(1)} µs;`
    + ` jose over WebCrypto +${(c(jose!) - c(subtle!)).toFixed(1)} µs; verifyReceipt over jose +${(c(verifier!) - c(jose!)).toFixed(1)} µs`);
}

function rawAsync(f: Fixture, i: number): Promise<boolean> {
  const options = f.alg === "PS256" ? { key: f.keyObject, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
    : f.alg === "ES256" ? { key: f.keyObject, dsaEncoding: "ieee-p1363" as const } : f.keyObject;
  return new Promise((resolve, reject) =>
    nodeVerify(f.alg === "EdDSA" ? null : "sha256", f.inputs[i]!, options, f.signatures[i]!, (error, ok) => (error ? reject(error) : resolve(ok))));
}

console.log(`receipt verification, ${ROUNDS} interleaved rounds of ${SLICE_MS} ms per variant, median; Node ${process.version}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
for (const alg of ALGS) await benchAlg(await fixture(alg));
